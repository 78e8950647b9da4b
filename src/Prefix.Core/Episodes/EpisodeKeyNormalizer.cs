using System.Globalization;
using System.Text;

namespace Prefix.Core.Episodes;

/// <summary>
/// Computes the episode key of a download or enclosure URL (COUNTING.md, "Episode key"): vendor prefixes
/// unwrapped recursively, host lower-cased, default ports and client tracking parameters removed, and
/// the scheme left out — an enclosure published as http and fetched as https is one episode.
/// The feed updater normalizes enclosure URLs with the same class, so hits and episodes join on equality.
/// </summary>
public sealed class EpisodeKeyNormalizer
{
    private const int MaxUnwrapDepth = 10;
    private readonly VendorPrefixTable _vendors;

    /// <param name="ownPrefixHosts">Hosts our own edge answers on (their <c>/e/</c> prefix is unwrapped too).</param>
    public EpisodeKeyNormalizer(IEnumerable<string>? ownPrefixHosts = null) =>
        _vendors = VendorPrefixTable.Load(ownPrefixHosts ?? []);

    /// <summary>The episode key, e.g. <c>cdn.example.com/show/ep1.mp3?v=2</c>; empty for input that has no host.</summary>
    public string Normalize(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim().Replace("&amp;", "&", StringComparison.OrdinalIgnoreCase);
        for (var depth = 0; depth < MaxUnwrapDepth; depth++)
        {
            var withoutScheme = StripScheme(text);
            var slash = withoutScheme.IndexOfAny(['/', '?']);
            var authority = slash < 0 ? withoutScheme : withoutScheme[..slash];
            var rest = slash < 0 ? string.Empty : withoutScheme[slash..];
            var host = NormalizeAuthority(authority);
            if (host.Length == 0)
            {
                return string.Empty;
            }

            if (rest.StartsWith('/'))
            {
                var matched = _vendors.MatchLength(HostWithoutPort(host), rest.AsSpan(1));
                if (matched >= 0 && rest.Length > 1 + matched)
                {
                    text = rest[(1 + matched)..];
                    continue;
                }
            }

            return host + CleanPathAndQuery(rest);
        }

        return string.Empty;
    }

    /// <summary>The key without its query: the fallback match when a host adds per-request parameters.</summary>
    public static string WithoutQuery(string episodeKey)
    {
        ArgumentNullException.ThrowIfNull(episodeKey);
        var query = episodeKey.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? episodeKey : episodeKey[..query];
    }

    private static string StripScheme(string text)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://", "https:/", "http:/"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return text[scheme.Length..];
            }
        }

        return text;
    }

    private static string NormalizeAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var lower = authority.ToLowerInvariant().TrimEnd('.');
        var colon = lower.LastIndexOf(':');
        if (colon > 0 && lower[(colon + 1)..] is "80" or "443")
        {
            lower = lower[..colon];
        }

        return lower;
    }

    private static string HostWithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }

    private static string CleanPathAndQuery(string rest)
    {
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? rest : rest[..question]).TrimEnd('/');
        if (question < 0)
        {
            return path;
        }

        var kept = new StringBuilder();
        foreach (var parameter in rest[(question + 1)..].Split('&'))
        {
            if (parameter.Length == 0 || TrackingParameters.IsTracking(parameter))
            {
                continue;
            }

            kept.Append(kept.Length == 0 ? '?' : '&').Append(parameter);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{path}{kept}");
    }
}
