using Prefix.Attribution.Model;

namespace Prefix.Attribution.Overlap;

/// <summary>
/// Audience overlap of two shows over a period (ATTRIBUTION.md, "Audience overlap"): the keys with at least one
/// qualified download of each show in [start, end), their intersection, Jaccard |A∩B| / |A∪B| and the share of
/// each audience that also downloads the other.
/// </summary>
public static class OverlapCalculator
{
    /// <summary>Smallest cell that may be shown (ATTRIBUTION.md, "Outputs": no cell with fewer than 5 listeners).</summary>
    public const int MinCellSize = 5;

    /// <summary>
    /// Computes the overlap. Small-count guard: when |A∩B| &lt; 5 (0 included, so "none" and "a few" look alike)
    /// the intersection and everything derived from it are withheld; an audience of 1–4 keys is withheld too.
    /// </summary>
    public static OverlapResult Compute(OverlapQuery query, IEnumerable<QualifiedDownload> downloads, int minCellSize = MinCellSize)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(downloads);
        if (query.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(query));
        }

        var audienceA = new HashSet<string>(StringComparer.Ordinal);
        var audienceB = new HashSet<string>(StringComparer.Ordinal);
        foreach (var download in downloads)
        {
            if (download.Time < query.Start || download.Time >= query.End)
            {
                continue;
            }

            var key = KeyModes.KeyOf(download, query.KeyMode);
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (download.ShowId == query.ShowA)
            {
                audienceA.Add(key);
            }
            else if (download.ShowId == query.ShowB)
            {
                audienceB.Add(key);
            }
        }

        var both = audienceA.Count(audienceB.Contains);
        int? a = IsSmall(audienceA.Count, minCellSize) ? null : audienceA.Count;
        int? b = IsSmall(audienceB.Count, minCellSize) ? null : audienceB.Count;
        if (both < minCellSize)
        {
            return new OverlapResult(query.ShowA, query.ShowB, a, b, null, null, null, null, Suppressed: true);
        }

        var union = audienceA.Count + audienceB.Count - both;
        return new OverlapResult(
            query.ShowA,
            query.ShowB,
            a,
            b,
            both,
            (double)both / union,
            (double)both / audienceA.Count,
            (double)both / audienceB.Count,
            Suppressed: false);
    }

    private static bool IsSmall(int count, int minCell) => count > 0 && count < minCell;
}
