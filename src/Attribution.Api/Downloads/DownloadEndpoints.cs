using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Prefix.Core.Episodes;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Downloads;

/// <summary>
/// The counting endpoints (COUNTING.md "Response shape"): by enclosure URL (works before any feed is mapped), by
/// episode and by show, each with <c>start</c>/<c>end</c>, <c>window</c>, <c>mode</c>, <c>interval</c>, <c>by</c> and
/// <c>format=json|csv|tsv</c>; the window and mode are echoed in every answer.
/// </summary>
internal static class DownloadEndpoints
{
    public static RouteGroupBuilder MapDownloadEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/downloads", ByUrlAsync).RequireScope(ApiScopes.Read).WithTags("Downloads")
            .WithSummary("Downloads of one enclosure URL (normalized as COUNTING.md defines), mapped to a feed or not");
        v1.MapGet("/episodes/{episodeId}/downloads", ByEpisodeAsync).RequireScope(ApiScopes.Read).WithTags("Downloads")
            .WithSummary("Downloads of one episode");
        v1.MapGet("/shows/{showId}/downloads", ByShowAsync).RequireScope(ApiScopes.Read).WithTags("Downloads")
            .WithSummary("Downloads of a show (?interval=hour|day|week|month&by=episode|app|device|os|country|region|referrer)");
        return v1;
    }

    private static async Task<IResult> ByUrlAsync(HttpContext context, string? url, DownloadCounter counter, EpisodeKeyNormalizer normalizer, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return ApiAnswers.Error(400, "give the enclosure URL: GET /v1/downloads?url=https://host/path/episode.mp3");
        }

        if (context.GetApiKey() is { IsAdmin: false, Shows.Count: > 0 } key)
        {
            return ApiAnswers.Error(403, $"the API key '{key.Name}' may read only its listed shows; ask by show or episode id");
        }

        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: false);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        var (result, batch) = await counter.CountAsync([normalizer.Normalize(url)], query, ct).ConfigureAwait(false);
        return Answer(query, DownloadReportBuilder.Build(query, result, batch, null));
    }

    private static async Task<IResult> ByEpisodeAsync(HttpContext context, string episodeId, DownloadCounter counter, EpisodeCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (!Guid.TryParse(episodeId, out var id))
        {
            return ApiAnswers.Error(400, $"episode ids are UUIDs; got '{ApiAnswers.Cut(episodeId)}'");
        }

        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: false);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        var entries = await catalog.ForEpisodeAsync(id, ct).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return ApiAnswers.Error(404, $"no episode with id {id:D} is known (the feed updater has not seen it yet)");
        }

        if (ApiAnswers.ForbiddenShow(context, entries[0].ShowId) is { } forbidden)
        {
            return forbidden;
        }

        var (result, batch) = await counter.CountAsync([.. entries.Select(e => e.EpisodeKey)], query, ct).ConfigureAwait(false);
        return Answer(query, DownloadReportBuilder.Build(query, result, batch, null));
    }

    private static async Task<IResult> ByShowAsync(HttpContext context, string showId, DownloadCounter counter, EpisodeCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (!Guid.TryParse(showId, out var id))
        {
            return ApiAnswers.Error(400, $"show ids are UUIDs; got '{ApiAnswers.Cut(showId)}'");
        }

        if (ApiAnswers.ForbiddenShow(context, id) is { } forbidden)
        {
            return forbidden;
        }

        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: true);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        var entries = await catalog.ForShowAsync(id, ct).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return ApiAnswers.Error(404, $"no show with id {id:D} is known (register its feed with the updater first)");
        }

        var byKey = entries.ToDictionary(e => e.EpisodeKey, e => e.EpisodeId.ToString("D"), StringComparer.Ordinal);
        var (result, batch) = await counter.CountAsync(byKey.Keys, query, ct).ConfigureAwait(false);
        return Answer(query, DownloadReportBuilder.Build(query, result, batch, key => byKey.GetValueOrDefault(key, key)));
    }

    private static ContentHttpResult Answer(DownloadQuery query, DownloadReport report)
    {
        if (query.Format == "json")
        {
            return TypedResults.Text(JsonSerializer.Serialize(report, DownloadJsonContext.Default.DownloadReport), "application/json");
        }

        var separator = query.Format == "csv" ? ',' : '\t';
        var text = new StringBuilder();
        void Row(params string[] cells) => text.AppendJoin(separator, cells.Select(c => Cell(c, separator))).Append('\n');
        var inv = CultureInfo.InvariantCulture;
        if (report.Series is { } series)
        {
            Row("start", "downloads", "listeners", "window", "mode", "ruleset");
            foreach (var point in series)
            {
                Row(point.Start.ToString("yyyy-MM-ddTHH:mm:ssZ", inv), point.Downloads.ToString(inv), point.Listeners.ToString(inv), report.Window, report.Mode, report.Ruleset);
            }
        }
        else if (report.Breakdown is { } breakdown)
        {
            Row("key", "downloads", "window", "mode", "ruleset");
            foreach (var row in breakdown)
            {
                Row(row.Key, row.Downloads.ToString(inv), report.Window, report.Mode, report.Ruleset);
            }
        }
        else
        {
            Row("start", "end", "downloads", "listeners", "bots", "suspect", "window", "mode", "ruleset");
            Row(report.Start.ToString("yyyy-MM-ddTHH:mm:ssZ", inv), report.End.ToString("yyyy-MM-ddTHH:mm:ssZ", inv), report.Total.Downloads.ToString(inv),
                report.Total.Listeners.ToString(inv), report.Total.Bots.ToString(inv), report.Total.Suspect.ToString(inv), report.Window, report.Mode, report.Ruleset);
        }

        return TypedResults.Text(text.ToString(), query.Format == "csv" ? "text/csv" : "text/tab-separated-values");
    }

    /// <summary>RFC 4180 quoting for CSV; TSV cells lose tabs and line breaks (TSV has no quoting).</summary>
    private static string Cell(string value, char separator) =>
        separator == '\t'
            ? value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ')
            : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
