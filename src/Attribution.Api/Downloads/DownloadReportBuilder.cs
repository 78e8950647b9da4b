using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>Turns a counting result into totals, an interval series and a breakdown for the asked period.</summary>
internal static class DownloadReportBuilder
{
    public static DownloadReport Build(DownloadQuery query, CountingResult result, HitBatch batch, Func<string, string>? episodeLabel)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(batch);
        var inPeriod = result.Downloads.Where(d => d.QualifiedAt >= query.Start && d.QualifiedAt < query.End).ToList();
        var bots = batch.Hits.LongCount(h => h.Time >= query.Start && h.Time < query.End && Eligibility.Check(h).IsBot);
        var suspect = result.SuspectDownloads.LongCount(d => d.QualifiedAt >= query.Start && d.QualifiedAt < query.End);
        var total = new DownloadTotals(inPeriod.Count, Metrics.Listeners(inPeriod, query.Start, query.End), bots, suspect);
        return new DownloadReport(
            CountingNames.Of(query.Window), CountingNames.Of(query.Mode), result.RulesetVersion, query.Start, query.End, total,
            query.Interval is { } interval ? Series(inPeriod, query, interval) : null,
            query.By is { } by ? Breakdown(inPeriod, batch, by, episodeLabel) : null);
    }

    private static List<DownloadSeriesPoint> Series(List<Download> downloads, DownloadQuery query, string interval)
    {
        var points = new List<DownloadSeriesPoint>();
        for (var start = Floor(query.Start, interval); start < query.End; start = Next(start, interval))
        {
            var from = start < query.Start ? query.Start : start;
            var to = Next(start, interval) > query.End ? query.End : Next(start, interval);
            var bucket = downloads.Where(d => d.QualifiedAt >= from && d.QualifiedAt < to).ToList();
            // Listeners per bucket are distinct keys in that bucket: never summed across buckets.
            points.Add(new DownloadSeriesPoint(start, bucket.Count, bucket.Select(d => d.ListenerKey).Distinct(StringComparer.Ordinal).LongCount()));
        }

        return points;
    }

    private static List<DownloadBreakdownRow> Breakdown(List<Download> downloads, HitBatch batch, string by, Func<string, string>? episodeLabel) =>
        [.. downloads
            .GroupBy(d => Key(d, batch, by, episodeLabel), StringComparer.Ordinal)
            .Select(g => new DownloadBreakdownRow(g.Key, g.LongCount()))
            .OrderByDescending(r => r.Downloads)
            .ThenBy(r => r.Key, StringComparer.Ordinal)];

    private static string Key(Download download, HitBatch batch, string by, Func<string, string>? episodeLabel)
    {
        if (by == "episode")
        {
            return episodeLabel?.Invoke(download.EpisodeKey) ?? download.EpisodeKey;
        }

        if (!batch.Listeners.TryGetValue(download.ListenerKey, out var facts))
        {
            return "unknown";
        }

        var value = by switch
        {
            "app" => facts.App,
            "device" => facts.Device,
            "os" => facts.Os,
            "country" => facts.Country,
            "region" => facts.Country.Length > 0 && facts.Region.Length > 0 ? facts.Country + "-" + facts.Region : facts.Region,
            _ => facts.Referrer,
        };
        return value.Length == 0 ? "unknown" : value;
    }

    private static DateTimeOffset Floor(DateTimeOffset time, string interval)
    {
        var utc = time.UtcDateTime;
        return interval switch
        {
            "hour" => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            "day" => new DateTimeOffset(utc.Date, TimeSpan.Zero),
            // ISO weeks start on Monday.
            "week" => new DateTimeOffset(utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7)), TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    private static DateTimeOffset Next(DateTimeOffset start, string interval) => interval switch
    {
        "hour" => start.AddHours(1),
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        _ => start.AddMonths(1),
    };
}
