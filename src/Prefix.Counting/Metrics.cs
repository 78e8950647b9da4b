namespace Prefix.Counting;

/// <summary>
/// Period metrics over counted downloads (COUNTING.md stage 3). Periods are half-open [start, end);
/// suspect downloads never count.
/// </summary>
public static class Metrics
{
    /// <summary>Downloads whose time (<see cref="Download.QualifiedAt"/>) falls in the period.</summary>
    public static long Downloads(IEnumerable<Download> downloads, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        ArgumentNullException.ThrowIfNull(downloads);
        long count = 0;
        foreach (var download in downloads)
        {
            if (InPeriod(download, periodStart, periodEnd))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Distinct listener keys with at least one download in the period, counted over the whole period:
    /// a month's listeners are not the sum of its days' listeners.
    /// </summary>
    public static long Listeners(IEnumerable<Download> downloads, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        ArgumentNullException.ThrowIfNull(downloads);
        var listeners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var download in downloads)
        {
            if (InPeriod(download, periodStart, periodEnd))
            {
                listeners.Add(download.ListenerKey);
            }
        }

        return listeners.Count;
    }

    private static bool InPeriod(Download download, DateTimeOffset start, DateTimeOffset end) =>
        !download.Suspect && download.QualifiedAt >= start && download.QualifiedAt < end;
}
