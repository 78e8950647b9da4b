using Prefix.Attribution.Model;

namespace Prefix.Attribution.Computation;

/// <summary>One show's qualified downloads under one key mode: per key, sorted by time.</summary>
internal sealed class ShowDownloads
{
    private static readonly Hit[] None = [];
    private readonly Dictionary<string, Hit[]> _byKey;

    private ShowDownloads(Dictionary<string, Hit[]> byKey) => _byKey = byKey;

    public IReadOnlyDictionary<string, Hit[]> ByKey => _byKey;

    public Hit[] Of(string key) => _byKey.TryGetValue(key, out var hits) ? hits : None;

    /// <summary>Groups <paramref name="downloads"/> by show and key; downloads without a key under the mode are skipped.</summary>
    public static Dictionary<Guid, ShowDownloads> Build(IEnumerable<QualifiedDownload> downloads, string keyMode)
    {
        var lists = new Dictionary<Guid, Dictionary<string, List<Hit>>>();
        foreach (var download in downloads)
        {
            var key = KeyModes.KeyOf(download, keyMode);
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (!lists.TryGetValue(download.ShowId, out var byKey))
            {
                byKey = new Dictionary<string, List<Hit>>(StringComparer.Ordinal);
                lists[download.ShowId] = byKey;
            }

            if (!byKey.TryGetValue(key, out var hits))
            {
                hits = [];
                byKey[key] = hits;
            }

            hits.Add(new Hit(download.Time, download.EpisodeId));
        }

        var result = new Dictionary<Guid, ShowDownloads>(lists.Count);
        foreach (var (show, byKey) in lists)
        {
            var sorted = new Dictionary<string, Hit[]>(byKey.Count, StringComparer.Ordinal);
            foreach (var (key, hits) in byKey)
            {
                var array = hits.ToArray();
                Array.Sort(array, static (x, y) => x.Time.CompareTo(y.Time));
                sorted[key] = array;
            }

            result[show] = new ShowDownloads(sorted);
        }

        return result;
    }

    /// <summary>Index of the first hit at or after <paramref name="time"/> (hits.Length when none).</summary>
    public static int LowerBound(Hit[] hits, DateTimeOffset time)
    {
        var low = 0;
        var high = hits.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (hits[middle].Time < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
