using System.Globalization;

namespace Prefix.Edge.Redirects;

/// <summary>
/// Which hosts a prefix may send listeners to. The edge never connects to the target itself, but a
/// redirect to loopback or a private network is still a tool for attacks on the listener's own
/// network (and for open-redirect abuse), so those are refused.
/// </summary>
internal static class TargetHostRules
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Checks <c>host[:port]</c>; returns the reason it is refused, or null.</summary>
    public static string? Check(ReadOnlySpan<char> authority)
    {
        var colon = authority.IndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        if (colon >= 0 && CheckPort(authority[(colon + 1)..]) is { } portError)
        {
            return portError;
        }

        if (host.IsEmpty)
        {
            return "the target has no host";
        }

        if (host.IndexOfAnyExcept(HostCharacters) >= 0)
        {
            return $"the target host '{Excerpt(host)}' contains characters other than letters, digits, '.' and '-'";
        }

        if (host[0] is '.' or '-' || host[^1] == '-' || host.Contains("..", StringComparison.Ordinal))
        {
            return $"the target host '{Excerpt(host)}' is malformed (starts with '.' or '-', ends with '-', or contains '..')";
        }

        if (host.Length > MaxHostLength || LongestLabel(host) > MaxLabelLength)
        {
            return "the target host is too long (at most 253 characters, 63 per label)";
        }

        var bare = host.TrimEnd('.');
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "the target host is localhost";
        }

        return Ipv4Literal.LooksLikeOne(bare) ? CheckIpLiteral(bare) : null;
    }

    private static readonly System.Buffers.SearchValues<char> HostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    private static string? CheckPort(ReadOnlySpan<char> port)
    {
        if (port.IsEmpty || port.Length > 5 || port.IndexOfAnyExceptInRange('0', '9') >= 0
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return $"the target port '{Excerpt(port)}' is not a number from 1 to 65535";
        }

        return number is < 1 or > 65535 ? $"the target port {number} is outside 1–65535" : null;
    }

    private static string? CheckIpLiteral(ReadOnlySpan<char> host)
    {
        if (!Ipv4Literal.TryParse(host, out var address))
        {
            return $"the target host '{Excerpt(host)}' looks like an IPv4 address but is not a valid one";
        }

        return Ipv4Literal.IsPublic(address)
            ? null
            : $"the target host '{Excerpt(host)}' is a loopback, private, link-local or reserved address";
    }

    private static int LongestLabel(ReadOnlySpan<char> host)
    {
        var longest = 0;
        foreach (var range in host.Split('.'))
        {
            longest = Math.Max(longest, range.End.GetOffset(host.Length) - range.Start.GetOffset(host.Length));
        }

        return longest;
    }

    private static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..80], "…");
}
