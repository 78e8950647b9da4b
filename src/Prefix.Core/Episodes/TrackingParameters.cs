using System.Collections.Frozen;

namespace Prefix.Core.Episodes;

/// <summary>
/// Query parameters that apps and ad systems add to an enclosure URL without changing the file it names
/// (COUNTING.md: "client tracking parameters stripped"; the list follows OP3's, research/op3.md §3.2).
/// </summary>
internal static class TrackingParameters
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "fbclid", "gclid", "dist", "tgt", "maxservers", "companionads", "calendar", "sdkiad", "played_on",
        "source", "client_source", "referrer", "ref", "from", "src", "acid", "av", "lo", "consumer_key",
        "country", "rss_browser", "rn",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsTracking(string parameter)
    {
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? parameter : parameter[..equals];
        var value = equals < 0 ? string.Empty : parameter[(equals + 1)..];
        return name.StartsWith('_')
            || name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("aw_", StringComparison.OrdinalIgnoreCase)
            || Names.Contains(name)
            || (name.Equals("download", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase))
            || (name.Equals("query", StringComparison.OrdinalIgnoreCase) && value.Length == 0);
    }
}
