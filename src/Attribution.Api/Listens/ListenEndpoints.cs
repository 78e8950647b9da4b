using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Listens;

/// <summary>
/// <c>POST /v1/listens</c> (a batch of playback events, possibly recorded offline) and
/// <c>GET /v1/episodes/{episodeId}/listens?start=&amp;end=</c> (COUNTING.md, "Client-reported listens").
/// No authorization here: the caller's group applies <c>listens:write</c> to the POST and <c>read</c> to the GET.
/// </summary>
public static class ListenEndpoints
{
    public static RouteGroupBuilder MapListenEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/listens", PostAsync).WithTags("Listens").RequireScope(ApiScopes.WriteListens);
        v1.MapGet("/episodes/{episodeId}/listens", GetAsync).WithTags("Listens").RequireScope(ApiScopes.Read);
        return v1;
    }

    private static async Task<Results<JsonHttpResult<ListenBatchResponse>, JsonHttpResult<ApiError>>> PostAsync(
        HttpRequest request,
        ListenBatchParser parser,
        ListenStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Stamped before the body is read: the skew estimate should include as little of our own time as possible.
        var receivedAt = time.GetUtcNow();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"the body must be a JSON object with sentAt and events: {ex.Message}");
        }

        using (document)
        {
            var batch = parser.Parse(document.RootElement, receivedAt);
            if (batch.Error is { } error)
            {
                return Error(batch.StatusCode, error);
            }

            var records = await ResolveAsync(batch.Accepted, store, cancellationToken).ConfigureAwait(false);
            if (records.Count > 0)
            {
                await store.InsertAsync(records, cancellationToken).ConfigureAwait(false);
            }

            return TypedResults.Json(
                new ListenBatchResponse(records.Count, batch.Rejections.Count, batch.SkewMs / 1000.0, batch.Rejections),
                ListenJsonContext.Default.ListenBatchResponse);
        }
    }

    private static async Task<Results<JsonHttpResult<ListenReport>, JsonHttpResult<ApiError>>> GetAsync(
        string episodeId,
        string? start,
        string? end,
        ListenStore store,
        ListenCalculator calculator,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(episodeId, out var episode))
        {
            return Error(StatusCodes.Status400BadRequest, $"episodeId must be an episode id (a UUID); got '{episodeId}'");
        }

        if (!TryParseBound(start, long.MinValue, out var startMs))
        {
            return Error(StatusCodes.Status400BadRequest, $"start must be an ISO 8601 date or time such as 2026-11-01 or 2026-11-01T00:00:00Z; got '{start}'");
        }

        if (!TryParseBound(end, long.MaxValue, out var endMs))
        {
            return Error(StatusCodes.Status400BadRequest, $"end must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T00:00:00Z; got '{end}'");
        }

        if (endMs <= startMs)
        {
            return Error(StatusCodes.Status400BadRequest, "end must be after start (the range is start inclusive, end exclusive)");
        }

        var events = await store.EpisodeEventsAsync(episode, startMs, endMs, cancellationToken).ConfigureAwait(false);
        List<ListenEvent> others = events.Count == 0 ? [] : await store.OtherEventsOfDevicesAsync(episode, startMs, endMs, cancellationToken).ConfigureAwait(false);
        var duration = await store.DurationAsync(episode, cancellationToken).ConfigureAwait(false);
        var summary = calculator.Calculate(events, others, duration);
        var report = new ListenReport(
            summary.ThresholdSec,
            new ListenTotals(summary.Listens, summary.Devices, Math.Round(summary.PlayedSec, 3), summary.Flagged),
            summary.CompletionShare is { } share ? Math.Round(share, 4) : null);
        return TypedResults.Json(report, ListenJsonContext.Default.ListenReport);
    }

    private static async Task<List<ListenRecord>> ResolveAsync(IReadOnlyList<ListenRecord> accepted, ListenStore store, CancellationToken cancellationToken)
    {
        var keys = accepted.Where(r => r.EpisodeId == Guid.Empty).Select(r => r.EpisodeKey).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return [.. accepted];
        }

        // Enclosure URLs the feed updater does not know yet keep the zero id and their key; reads map them later.
        var resolved = await store.ResolveEnclosuresAsync(keys, cancellationToken).ConfigureAwait(false);
        return accepted
            .Select(r => r.EpisodeId == Guid.Empty && resolved.TryGetValue(r.EpisodeKey, out var id) ? r with { EpisodeId = id } : r)
            .ToList();
    }

    private static bool TryParseBound(string? text, long fallback, out long unixMs)
    {
        unixMs = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        unixMs = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    private static JsonHttpResult<ApiError> Error(int statusCode, string message) =>
        TypedResults.Json(new ApiError(message), ListenJsonContext.Default.ApiError, statusCode: statusCode);
}
