using System.Globalization;

namespace Prefix.Edge.Redirects;

/// <summary>
/// IPv4 literals the way browsers read hosts (WHATWG URL "IPv4 parser"): a host whose last label is a
/// number is an address, and "2130706433", "0x7f.1" and "0177.0.0.1" all mean 127.0.0.1. Checking only
/// dotted quads would let those through.
/// </summary>
internal static class Ipv4Literal
{
    /// <summary>True when browsers would treat the host as an IPv4 address: its last label is numeric or 0x-hex.</summary>
    public static bool LooksLikeOne(ReadOnlySpan<char> host)
    {
        var lastDot = host.LastIndexOf('.');
        var last = lastDot < 0 ? host : host[(lastDot + 1)..];
        if (last.IsEmpty)
        {
            return false;
        }

        if (last.IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return true;
        }

        return last.Length >= 2 && last[0] == '0' && (last[1] is 'x' or 'X');
    }

    public static bool TryParse(ReadOnlySpan<char> host, out uint address)
    {
        address = 0;
        Span<ulong> parts = stackalloc ulong[4];
        var count = 0;
        foreach (var range in host.Split('.'))
        {
            if (count == 4 || !TryParsePart(host[range], out parts[count]))
            {
                return false;
            }

            count++;
        }

        // All but the last part are single bytes; the last fills the remaining bytes.
        for (var i = 0; i < count - 1; i++)
        {
            if (parts[i] > 255)
            {
                return false;
            }
        }

        var lastBytes = 5 - count;
        if (parts[count - 1] >= 1UL << (8 * lastBytes))
        {
            return false;
        }

        ulong value = parts[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            value |= parts[i] << (8 * (3 - i));
        }

        address = (uint)value;
        return true;
    }

    /// <summary>False for 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, multicast and reserved.</summary>
    public static bool IsPublic(uint address)
    {
        var a = address >> 24;
        var b = (address >> 16) & 0xFF;
        var c = (address >> 8) & 0xFF;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
            || (a == 100 && b is >= 64 and <= 127)
            || (a == 169 && b == 254)
            || (a == 172 && b is >= 16 and <= 31)
            || (a == 192 && b == 0 && c == 0)
            || (a == 192 && b == 168)
            || (a == 198 && b is 18 or 19));
    }

    private static bool TryParsePart(ReadOnlySpan<char> part, out ulong value)
    {
        value = 0;
        if (part.IsEmpty || part.Length > 12)
        {
            return false;
        }

        if (part.Length >= 2 && part[0] == '0' && (part[1] is 'x' or 'X'))
        {
            return part.Length == 2 || ulong.TryParse(part[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var digit in part[1..])
            {
                if (digit is < '0' or > '7')
                {
                    return false;
                }

                value = (value * 8) + (ulong)(digit - '0');
            }

            return true;
        }

        return ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
