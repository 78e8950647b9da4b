using System.Runtime.InteropServices;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// <c>MMDB_entry_data_s</c> (48 bytes on LP64). The value union starts at 16, not 8, because it holds an
/// <c>unsigned __int128</c> whose alignment is 16; offsets checked against the 1.7.1 header with <c>offsetof</c>.
/// Only the members the lookup reads are declared.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct MmdbEntryData
{
    [FieldOffset(0)]
    public byte HasData;

    /// <summary><c>utf8_string</c>: points into the mapped file and is not NUL-terminated; use <see cref="DataSize"/>.</summary>
    [FieldOffset(16)]
    public nint Utf8String;

    /// <summary>Offset of the value in the data section; one offset always decodes to the same value.</summary>
    [FieldOffset(32)]
    public uint Offset;

    [FieldOffset(40)]
    public uint DataSize;

    [FieldOffset(44)]
    public uint Type;
}
