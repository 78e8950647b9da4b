using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Prefix.Geo.Asn;

/// <summary>
/// Parses a range bound in either form ip-location-db publishes: the address itself (<c>asn-ipv4.csv</c>,
/// <c>asn-ipv6.csv</c>) or its big-endian value as a decimal number (the <c>-num</c> files).
/// </summary>
internal static class AddressBounds
{
    public static bool TryParseIPv4(ReadOnlySpan<byte> text, out uint value)
    {
        if (text.IndexOf((byte)'.') < 0)
        {
            return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        Span<byte> bytes = stackalloc byte[4];
        if (!IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || !address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    public static bool TryParseIPv6(ReadOnlySpan<byte> text, out UInt128 value)
    {
        if (text.IndexOf((byte)':') < 0)
        {
            return UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        Span<byte> bytes = stackalloc byte[16];
        if (!IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6
            || !address.TryWriteBytes(bytes, out _))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
