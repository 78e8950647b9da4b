using System.Globalization;
using Feed.Updater.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feed.Updater.Endpoints;

/// <summary>
/// <c>GET /changes?after=&amp;limit=&amp;feedId=</c> under the group the caller maps (<c>/v1</c>): the change log,
/// oldest first, as <c>{"events":[…],"nextCursor":"…"}</c>. Poll with <c>after=nextCursor</c>; see
/// <see cref="ChangeLogPage"/> for how to tell that you are caught up.
/// </summary>
internal static class ChangeEndpoints
{
    public static RouteGroupBuilder MapChangeEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/changes", GetAsync);
        return v1;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ErrorResponse>>> GetAsync(
        string? after,
        string? limit,
        string? feedId,
        ChangeLogReader reader,
        CancellationToken cancellationToken)
    {
        // Parsed here rather than bound as int/Guid, so a bad value gets a message instead of a bare 400.
        var count = ChangeLogReader.DefaultLimit;
        if (limit is not null && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            return Error($"limit must be a whole number between 1 and {ChangeLogReader.MaxLimit}; got '{limit}'");
        }

        Guid? feed = null;
        if (!string.IsNullOrEmpty(feedId))
        {
            if (!Guid.TryParse(feedId, out var parsed))
            {
                return Error($"feedId must be a feed id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301); got '{feedId}'");
            }

            feed = parsed;
        }

        var result = await reader.ReadAsync(string.IsNullOrEmpty(after) ? null : after, count, feed, cancellationToken);
        return result.Page is { } page
            ? TypedResults.Bytes(RawJsonPages.Changes(page), "application/json")
            : Error(result.Error!);
    }

    private static JsonHttpResult<ErrorResponse> Error(string reason) =>
        TypedResults.Json(new ErrorResponse(reason), WebhookJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
}
