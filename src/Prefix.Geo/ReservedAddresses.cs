namespace Prefix.Geo;

/// <summary>
/// Addresses that never identify a listener on the public internet (RFC 6890 special-purpose registries):
/// answering them from the tables would at best find nothing and at worst a stray row.
/// </summary>
internal static class ReservedAddresses
{
    /// <summary>True for a 4-byte or 16-byte network-order address in a private, local or special-purpose block.</summary>
    public static bool IsReserved(ReadOnlySpan<byte> address) =>
        address.Length == 4 ? IsReservedIPv4(address) : IsReservedIPv6(address);

    private static bool IsReservedIPv4(ReadOnlySpan<byte> a) =>
        a[0] is 0 or 10 or 127 or >= 224                 // "this network", private, loopback, multicast + class E
        || (a[0] == 100 && (a[1] & 0xC0) == 64)          // 100.64.0.0/10 carrier-grade NAT (RFC 6598)
        || (a[0] == 169 && a[1] == 254)                  // link-local
        || (a[0] == 172 && (a[1] & 0xF0) == 16)          // 172.16.0.0/12 private
        || (a[0] == 192 && a[1] == 168);                 // 192.168.0.0/16 private

    private static bool IsReservedIPv6(ReadOnlySpan<byte> a) =>
        a[..15].IndexOfAnyExcept((byte)0) < 0            // :: and ::1
        || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)       // fe80::/10 link-local
        || (a[0] & 0xFE) == 0xFC                         // fc00::/7 unique local
        || a[0] == 0xFF;                                 // ff00::/8 multicast
}
