using System.Runtime.InteropServices;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// <c>MMDB_lookup_result_s</c>, returned by value (32 bytes on LP64: the C <c>bool</c> at 0, the entry at 8,
/// the netmask at 24; offsets checked against the 1.7.1 header with <c>offsetof</c>).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct MmdbLookupResult
{
    [FieldOffset(0)]
    public byte FoundEntry;

    [FieldOffset(8)]
    public MmdbEntry Entry;

    [FieldOffset(24)]
    public ushort Netmask;
}
