using System.Text.Json;
using Attribution.Api.Downloads;
using Prefix.Attribution.Model;
using Prefix.Attribution.Overlap;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Audience;

/// <summary>
/// A show's audience: distinct listeners per day, week or month (never summed across periods), and its overlap with
/// another show (ATTRIBUTION.md "Audience overlap"). The other show's audience only appears as aggregates above the
/// small-count threshold (the calculator withholds smaller cells).
/// </summary>
internal static class AudienceEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAudienceEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/shows/{showId}/listeners", ListenersAsync).RequireScope(ApiScopes.Read).WithTags("Audience")
            .WithSummary("Distinct listeners per day, week or month (?period=day|week|month, start, end, window, mode)");
        v1.MapGet("/shows/{showId}/overlap", OverlapAsync).RequireScope(ApiScopes.Read).WithTags("Audience")
            .WithSummary("Audience overlap with another show (?with=<showId>&start&end&key=device|household)");
        return v1;
    }

    private static async Task<IResult> ListenersAsync(HttpContext context, string showId, string? period, DownloadCounter counter, EpisodeCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (!Guid.TryParse(showId, out var id))
        {
            return ApiAnswers.Error(400, $"show ids are UUIDs; got '{ApiAnswers.Cut(showId)}'");
        }

        if (ApiAnswers.ForbiddenShow(context, id) is { } forbidden)
        {
            return forbidden;
        }

        var interval = period ?? "day";
        if (interval is not ("day" or "week" or "month"))
        {
            return ApiAnswers.Error(400, $"'period' must be day, week or month; got '{ApiAnswers.Cut(interval)}'");
        }

        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: false);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        var entries = await catalog.ForShowAsync(id, ct).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return ApiAnswers.Error(404, $"no show with id {id:D} is known (register its feed with the updater first)");
        }

        query = query with { Interval = interval, By = null, Format = "json" };
        var (result, batch) = await counter.CountAsync([.. entries.Select(e => e.EpisodeKey)], query, ct).ConfigureAwait(false);
        var report = DownloadReportBuilder.Build(query, result, batch, null);
        return TypedResults.Text(JsonSerializer.Serialize(new ListenerReport(report.Window, report.Mode, report.Ruleset, interval, report.Start, report.End,
            report.Total.Listeners, report.Series!.Select(p => new ListenerPoint(p.Start, p.Listeners)).ToList()), Web), "application/json");
    }

    private static async Task<IResult> OverlapAsync(HttpContext context, string showId, string? with, string? key, DownloadCounter counter, EpisodeCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (!Guid.TryParse(showId, out var a) || !Guid.TryParse(with, out var b))
        {
            return ApiAnswers.Error(400, "give two show ids (UUIDs): GET /v1/shows/{a}/overlap?with={b}");
        }

        if (ApiAnswers.ForbiddenShow(context, a) is { } forbidden)
        {
            return forbidden;
        }

        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: false);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        var overlap = new OverlapQuery(a, b, query.Start, query.End, key ?? KeyModes.Device);
        if (overlap.Validate() is { } invalid)
        {
            return ApiAnswers.Error(400, invalid);
        }

        var downloads = new List<QualifiedDownload>();
        foreach (var show in new[] { a, b })
        {
            var entries = await catalog.ForShowAsync(show, ct).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                return ApiAnswers.Error(404, $"no show with id {show:D} is known (register its feed with the updater first)");
            }

            var episodes = entries.ToDictionary(e => e.EpisodeKey, e => e.EpisodeId, StringComparer.Ordinal);
            var (result, _) = await counter.CountAsync(episodes.Keys, query, ct).ConfigureAwait(false);
            downloads.AddRange(result.Downloads
                .Where(d => d.QualifiedAt >= query.Start && d.QualifiedAt < query.End)
                .Select(d => new QualifiedDownload(d.ListenerKey, d.HouseholdKey, show, episodes[d.EpisodeKey], d.QualifiedAt)));
        }

        var answer = OverlapCalculator.Compute(overlap, downloads);
        return TypedResults.Text(JsonSerializer.Serialize(answer, Web), "application/json");
    }
}

/// <summary>GET /v1/shows/{id}/listeners: distinct listener keys per period, and over the whole range (not a sum).</summary>
internal sealed record ListenerReport(string Window, string Mode, string Ruleset, string Period, DateTimeOffset Start, DateTimeOffset End, long Listeners, IReadOnlyList<ListenerPoint> Series);

internal sealed record ListenerPoint(DateTimeOffset Start, long Listeners);
