using System.Text.Json.Nodes;
using Feed.Updater.Storage;

namespace Feed.Updater.Endpoints;

/// <summary>
/// GET /v1/feeds/{id}: the latest normalized metadata (FEEDS.md names, from the newest stored version in
/// ClickHouse) plus a <c>state</c> object from Redis (status, last check and error, next check and why, validators).
/// </summary>
internal static class FeedView
{
    public static JsonObject Build(FeedState state, string? metadataJson)
    {
        ArgumentNullException.ThrowIfNull(state);
        var view = metadataJson is not null && JsonNode.Parse(metadataJson) is JsonObject metadata ? metadata : new JsonObject();
        view["id"] = state.Id.ToString("D");
        view["url"] = state.Url;
        view.Remove("episodes");
        view["state"] = new JsonObject
        {
            ["status"] = state.Status,
            ["sequence"] = state.Sequence,
            ["registeredAt"] = Iso(state.RegisteredAt),
            ["lastCheckAt"] = Iso(state.LastCheckAt),
            ["lastHttpStatus"] = state.LastHttpStatus == 0 ? null : state.LastHttpStatus,
            ["lastGoodAt"] = Iso(state.LastGoodAt),
            ["lastError"] = state.LastError,
            ["consecutiveErrors"] = state.ConsecutiveErrors,
            ["nextCheckAt"] = Iso(state.NextCheckAt),
            ["nextCheckReason"] = state.NextCheckReason,
            ["etag"] = state.ETag,
            ["lastModified"] = state.LastModified,
            ["latestEpisodeAt"] = Iso(state.LatestEpisodeAt),
            ["previousUrl"] = state.PreviousUrl,
            ["polling"] = state.LeaseToken is not null,
        };
        return view;
    }

    private static string? Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
