using System.Collections.Frozen;
using System.Net;

namespace Feed.Updater.Scheduling;

/// <summary>
/// An approximation of a host's registrable domain ("eTLD+1"), the unit per-host budgets count in: podcast
/// hosting is concentrated on a few providers that serve each show from its own subdomain.
/// </summary>
/// <remarks>
/// Not the Public Suffix List (no package for it here): the last two labels, or the last three when the
/// last two are a common second-level public suffix (<c>co.uk</c>, <c>com.au</c>, <c>co.jp</c>…). Getting
/// a rare suffix wrong only merges or splits budgets; it never fails a poll. IP literals are kept as they are.
/// </remarks>
internal static class RegistrableDomain
{
    private static readonly FrozenSet<string> SecondLevelSuffixes = new[]
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "id.au",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
        "co.nz", "net.nz", "org.nz", "co.za", "org.za", "co.in", "net.in", "org.in",
        "co.kr", "or.kr", "co.il", "org.il", "co.id", "or.id", "co.th", "in.th",
        "com.br", "net.br", "org.br", "com.mx", "org.mx", "com.ar", "com.tr", "org.tr", "com.cn", "net.cn", "org.cn",
        "com.tw", "org.tw", "com.hk", "org.hk", "com.sg", "org.sg", "com.my", "com.ph", "com.vn", "com.ua", "com.pl",
        "com.co", "com.pe", "com.es", "com.sa", "com.eg", "com.ng", "co.ke",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The budget key for <paramref name="host"/> (lower case, no trailing dot).</summary>
    public static string Of(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var trimmed = host.Trim().TrimEnd('.');
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            trimmed = trimmed[1..^1];
        }

        if (IPAddress.TryParse(trimmed, out var address))
        {
            return address.ToString();
        }

        var lower = trimmed.ToLowerInvariant();
        var last = lower.LastIndexOf('.');
        if (last <= 0)
        {
            return lower;
        }

        var second = lower.LastIndexOf('.', last - 1);
        if (second < 0)
        {
            return lower;
        }

        if (!SecondLevelSuffixes.Contains(lower[(second + 1)..]))
        {
            return lower[(second + 1)..];
        }

        var third = second == 0 ? -1 : lower.LastIndexOf('.', second - 1);
        return third < 0 ? lower : lower[(third + 1)..];
    }
}
