namespace Prefix.Attribution.Computation;

/// <summary>Exposure and pseudo-exposure times per key (ATTRIBUTION.md, "Definitions": Exposure).</summary>
internal static class Exposures
{
    /// <summary>
    /// tx per key: the first download of one of <paramref name="episodes"/> in [from, to], both ends inclusive.
    /// </summary>
    public static Dictionary<string, DateTimeOffset> First(
        ShowDownloads? show, IReadOnlySet<Guid> episodes, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (show is null)
        {
            return result;
        }

        foreach (var (key, hits) in show.ByKey)
        {
            for (var i = ShowDownloads.LowerBound(hits, from); i < hits.Length && hits[i].Time <= to; i++)
            {
                if (episodes.Contains(hits[i].EpisodeId))
                {
                    result[key] = hits[i].Time;
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Concurrent unexposed (Baseline 2): keys with a download of the show in [from, to] that never downloaded one
    /// of <paramref name="episodes"/> (in the data we have); their pseudo-exposure is that first download.
    /// </summary>
    public static Dictionary<string, DateTimeOffset> Unexposed(
        ShowDownloads? show, IReadOnlySet<Guid> episodes, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (show is null)
        {
            return result;
        }

        foreach (var (key, hits) in show.ByKey)
        {
            if (hits.Any(h => episodes.Contains(h.EpisodeId)))
            {
                continue;
            }

            var i = ShowDownloads.LowerBound(hits, from);
            if (i < hits.Length && hits[i].Time <= to)
            {
                result[key] = hits[i].Time;
            }
        }

        return result;
    }
}
