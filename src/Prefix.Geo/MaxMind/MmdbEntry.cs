using System.Runtime.InteropServices;

namespace Prefix.Geo.MaxMind;

/// <summary><c>MMDB_entry_s</c>: a position in the data section of one open database (16 bytes on LP64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MmdbEntry
{
    public nint Mmdb;
    public uint Offset;
}
