using System.Text.Json;
using System.Text.Json.Nodes;
using Feed.Updater.Registration;
using Feed.Updater.Registration.Import;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Prefix.Feeds.Model;
using Prefix.Hosting.Auth;

namespace Feed.Updater.Endpoints;

/// <summary>/v1/feeds: register (one or a streamed bulk import), look up, read episodes, hint, deregister.</summary>
internal static class FeedEndpoints
{
    private const int MaxEpisodesPerPage = 1000;

    public static RouteGroupBuilder MapFeedEndpoints(this RouteGroupBuilder v1)
    {
        var feeds = v1.MapGroup("/feeds").WithTags("Feeds");
        feeds.MapPost("/", RegisterAsync).RequireScope(ApiScopes.FeedsWrite)
            .WithSummary("Register a feed by URL (idempotent: an existing feed is returned)");
        feeds.MapPost("/import", ImportAsync).RequireScope(ApiScopes.FeedsWrite)
            .WithSummary("Register many feeds: NDJSON ({\"url\":…} per line), CSV (a url column or one URL per line) or OPML, streamed");
        feeds.MapGet("/", FindByUrlAsync).RequireScope(ApiScopes.FeedsRead)
            .WithSummary("Find a feed by URL (?url=…)");
        feeds.MapGet("/{id}", GetAsync).RequireScope(ApiScopes.FeedsRead)
            .WithSummary("A feed's latest normalized metadata and polling state");
        feeds.MapGet("/{id}/episodes", EpisodesAsync).RequireScope(ApiScopes.FeedsRead)
            .WithSummary("A feed's current episodes, newest first (?since=ISO 8601&limit=…)");
        feeds.MapPost("/{id}/poll", HintAsync).RequireScope(ApiScopes.FeedsWrite)
            .WithSummary("Ask for a poll now (debounced: at most one hint-triggered poll per feed per 60 s)");
        feeds.MapDelete("/{id}", DeregisterAsync).RequireScope(ApiScopes.FeedsWrite)
            .WithSummary("Deregister a feed (soft: its state is kept; a feed.deregistered event goes out)");
        return v1;
    }

    private static async Task<IResult> RegisterAsync(RegisterFeedRequest? request, FeedRegistry registry, FeedStateStore store, EpisodeStore episodes, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Url))
        {
            return ApiResults.Error(400, "send a JSON body {\"url\": \"https://…/feed.xml\"}");
        }

        var result = await registry.RegisterAsync(request.Url, "register", ct).ConfigureAwait(false);
        if (result.Rejection is { } reason)
        {
            return ApiResults.Error(400, reason);
        }

        var view = await ViewAsync(result.FeedId, store, episodes, ct).ConfigureAwait(false);
        return view is null
            ? ApiResults.Error(500, "the feed was registered but its state could not be read back; retry the request")
            : Json(view, result.Created ? 201 : 200);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, FeedRegistry registry, CancellationToken ct)
    {
        // A million-line import is ~70 MB: lift Kestrel's 30 MB default for this endpoint only; the reader streams.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var lines = FeedImportReader.ReadAsync(context.Request.Body, context.Request.ContentType, ct);
        var summary = await registry.RegisterManyAsync(lines, ct).ConfigureAwait(false);
        return TypedResults.Ok(summary);
    }

    private static async Task<IResult> FindByUrlAsync(string? url, FeedRegistry registry, FeedStateStore store, EpisodeStore episodes, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return ApiResults.Error(400, "give the feed URL: GET /v1/feeds?url=https://…/feed.xml");
        }

        var id = await registry.FindByUrlAsync(url, ct).ConfigureAwait(false);
        var view = id is { } found ? await ViewAsync(found, store, episodes, ct).ConfigureAwait(false) : null;
        return view is null ? ApiResults.Error(404, $"no registered feed has the URL '{url}'") : Json(view, 200);
    }

    private static async Task<IResult> GetAsync(string id, FeedStateStore store, EpisodeStore episodes, CancellationToken ct)
    {
        if (!TryParseId(id, out var feedId, out var error))
        {
            return error;
        }

        var view = await ViewAsync(feedId, store, episodes, ct).ConfigureAwait(false);
        return view is null ? NotFound(feedId) : Json(view, 200);
    }

    private static async Task<IResult> EpisodesAsync(string id, string? since, int? limit, FeedStateStore store, EpisodeStore episodes, CancellationToken ct)
    {
        if (!TryParseId(id, out var feedId, out var error))
        {
            return error;
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiResults.Error(400, $"'since' must be an ISO 8601 time such as 2026-11-01T00:00:00Z; got '{since}'");
            }

            from = parsed;
        }

        if (limit is < 1 or > MaxEpisodesPerPage)
        {
            return ApiResults.Error(400, $"'limit' must be between 1 and {MaxEpisodesPerPage}; got {limit}");
        }

        if (await store.GetAsync(feedId, ct).ConfigureAwait(false) is null)
        {
            return NotFound(feedId);
        }

        var list = await episodes.ListAsync(feedId, from, limit ?? 100, ct).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["feedId"] = feedId.ToString("D"),
            ["episodes"] = JsonSerializer.SerializeToNode(list, FeedJsonContext.Default.IReadOnlyListNormalizedEpisode),
        };
        return Json(body, 200);
    }

    private static async Task<IResult> HintAsync(string id, DueQueue queue, Microsoft.Extensions.Options.IOptions<SchedulingOptions> scheduling, CancellationToken ct)
    {
        if (!TryParseId(id, out var feedId, out var error))
        {
            return error;
        }

        var result = await queue.HintAsync(feedId, scheduling.Value.HintDebounce, ct).ConfigureAwait(false);
        return result == HintResult.NotFound
            ? NotFound(feedId)
            : TypedResults.Json(new HintResponse(result.ToString().ToLowerInvariant()), statusCode: 202);
    }

    private static async Task<IResult> DeregisterAsync(string id, FeedRegistry registry, CancellationToken ct)
    {
        if (!TryParseId(id, out var feedId, out var error))
        {
            return error;
        }

        var result = await registry.DeregisterAsync(feedId, ct).ConfigureAwait(false);
        return result switch
        {
            DeregisterOutcome.NotFound => NotFound(feedId),
            DeregisterOutcome.Conflict => ApiResults.Error(409, "the feed changed while it was being deregistered; send the request again"),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<JsonObject?> ViewAsync(Guid feedId, FeedStateStore store, EpisodeStore episodes, CancellationToken ct)
    {
        var state = await store.GetAsync(feedId, ct).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var metadata = await episodes.GetLatestMetadataJsonAsync(feedId, ct).ConfigureAwait(false);
        return FeedView.Build(state, metadata);
    }

    private static bool TryParseId(string text, out Guid id, out IResult error)
    {
        if (Guid.TryParse(text, out id))
        {
            error = TypedResults.Ok();
            return true;
        }

        error = ApiResults.Error(400, $"feed ids are UUIDs such as 9b6c4b4e-4a5f-5a3e-9a38-1f8e3c1b2d7a; got '{(text.Length > 60 ? text[..60] : text)}'");
        return false;
    }

    private static IResult NotFound(Guid id) => ApiResults.Error(404, $"no feed has the id {id:D}");

    private static ContentHttpResult Json(JsonNode node, int status) => TypedResults.Text(node.ToJsonString(), "application/json", statusCode: status);
}

/// <summary>POST /v1/feeds body.</summary>
internal sealed record RegisterFeedRequest(string? Url);

/// <summary>POST /v1/feeds/{id}/poll answer: scheduled, debounced or inprogress.</summary>
internal sealed record HintResponse(string Result);
