using System.Globalization;
using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>
/// Reads the query string of the counting endpoints (COUNTING.md "Response shape"; ARCHITECTURE.md: ISO 8601
/// <c>start</c> inclusive, <c>end</c> exclusive). Every refusal is a sentence saying what to send instead.
/// </summary>
internal static class DownloadQueryParser
{
    public static readonly string[] Intervals = ["hour", "day", "week", "month"];
    public static readonly string[] Breakdowns = ["episode", "app", "device", "os", "country", "region", "referrer"];
    public static readonly string[] Formats = ["json", "csv", "tsv"];
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(400);

    public static (DownloadQuery? Query, string? Error) Parse(IQueryCollection query, DateTimeOffset now, bool allowEpisodeBreakdown)
    {
        ArgumentNullException.ThrowIfNull(query);
        var end = now;
        if (query.TryGetValue("end", out var endText) && !TryParseTime(endText.ToString(), out end))
        {
            return (null, $"'end' must be an ISO 8601 time such as 2026-11-01T00:00:00Z; got '{Cut(endText.ToString())}'");
        }

        var start = end - TimeSpan.FromDays(30);
        if (query.TryGetValue("start", out var startText) && !TryParseTime(startText.ToString(), out start))
        {
            return (null, $"'start' must be an ISO 8601 time such as 2026-11-01T00:00:00Z; got '{Cut(startText.ToString())}'");
        }

        if (end <= start)
        {
            return (null, "'end' must be after 'start' (start is inclusive, end exclusive)");
        }

        if (end - start > MaxPeriod)
        {
            return (null, $"the period may span at most {MaxPeriod.TotalDays} days; ask for several periods");
        }

        var window = CountingWindow.Calendar;
        if (query.TryGetValue("window", out var windowText) && !CountingNames.TryParseWindow(windowText.ToString(), out window))
        {
            return (null, $"'window' must be calendar, rolling-first or rolling-last; got '{Cut(windowText.ToString())}'");
        }

        var mode = CountingMode.Prefix;
        if (query.TryGetValue("mode", out var modeText) && !CountingNames.TryParseMode(modeText.ToString(), out mode))
        {
            return (null, $"'mode' must be prefix or strict; got '{Cut(modeText.ToString())}'");
        }

        var interval = Optional(query, "interval");
        if (interval is not null && !Intervals.Contains(interval, StringComparer.Ordinal))
        {
            return (null, $"'interval' must be one of {string.Join(", ", Intervals)}; got '{Cut(interval)}'");
        }

        var by = Optional(query, "by");
        if (by is not null && (!Breakdowns.Contains(by, StringComparer.Ordinal) || (by == "episode" && !allowEpisodeBreakdown)))
        {
            var allowed = allowEpisodeBreakdown ? Breakdowns : Breakdowns.Where(b => b != "episode");
            return (null, $"'by' must be one of {string.Join(", ", allowed)}; got '{Cut(by)}'");
        }

        var format = Optional(query, "format") ?? "json";
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            return (null, $"'format' must be json, csv or tsv; got '{Cut(format)}'");
        }

        return (new DownloadQuery(start, end, window, mode, interval, by, format), null);
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.ToString().Length > 0 ? value.ToString() : null;

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string Cut(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
