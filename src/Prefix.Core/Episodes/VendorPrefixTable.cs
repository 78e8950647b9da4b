using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prefix.Core.Episodes;

/// <summary>The vendor prefixes from <c>vendor-prefixes.json</c> (embedded), indexed by host.</summary>
internal sealed class VendorPrefixTable
{
    private readonly FrozenDictionary<string, VendorPrefix> _byHost;

    private VendorPrefixTable(FrozenDictionary<string, VendorPrefix> byHost) => _byHost = byHost;

    public static VendorPrefixTable Load(IEnumerable<string> ownPrefixHosts)
    {
        using var stream = typeof(VendorPrefixTable).Assembly.GetManifestResourceStream("Prefix.Core.Episodes.vendor-prefixes.json")
            ?? throw new InvalidOperationException("vendor-prefixes.json is not embedded in Prefix.Core.");
        using var document = JsonDocument.Parse(stream);
        var byHost = new Dictionary<string, VendorPrefix>(StringComparer.Ordinal);
        foreach (var row in document.RootElement.GetProperty("prefixes").EnumerateArray())
        {
            var prefix = new VendorPrefix(row.GetProperty("vendor").GetString()!, Anchored(row.GetProperty("path").GetString()!));
            foreach (var host in row.GetProperty("hosts").EnumerateArray())
            {
                byHost[host.GetString()!] = prefix;
            }
        }

        // Our own prefix, in front of another vendor's or behind it, has the same grammar as OP3's.
        var own = new VendorPrefix("prefix", Anchored("e(?:,[^/]*)?/"));
        foreach (var host in ownPrefixHosts)
        {
            byHost[host.ToLowerInvariant()] = own;
        }

        return new VendorPrefixTable(byHost.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Length of the vendor's path prefix when <paramref name="host"/> is a vendor and the path matches, else -1.</summary>
    public int MatchLength(string host, ReadOnlySpan<char> pathAfterSlash)
    {
        if (!_byHost.TryGetValue(host, out var prefix))
        {
            return -1;
        }

        foreach (var match in prefix.Path.EnumerateMatches(pathAfterSlash))
        {
            return match.Length;
        }

        return -1;
    }

    private static Regex Anchored(string pattern) =>
        new("^" + pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
}
