using System.Text.Json.Serialization;

namespace Feed.Updater.Publishing;

/// <summary>
/// One webhook subscriber, stored as JSON in the <c>webhooks</c> hash. The secret is kept as given (it is
/// the HMAC key, so it cannot be hashed); the API returns it once, on create, and afterwards only a hint.
/// </summary>
internal sealed record WebhookSubscription
{
    /// <summary>Short random URL-safe id, e.g. <c>wh_3q2…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Absolute http(s) URL the events are POSTed to.</summary>
    public required string Url { get; init; }

    /// <summary>HMAC-SHA256 key (its UTF-8 bytes); see <see cref="WebhookSigner"/>.</summary>
    public required string Secret { get; init; }

    /// <summary>Event types delivered; empty = all.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Feeds whose events are delivered; empty = all.</summary>
    public IReadOnlyList<Guid> FeedIds { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public string? Description { get; init; }

    /// <summary>The last 4 characters of the secret, for telling secrets apart without revealing them.</summary>
    [JsonIgnore]
    public string SecretHint => "…" + (Secret.Length > 4 ? Secret[^4..] : string.Empty);

    /// <summary>True when the filters let an event of this type for this feed through.</summary>
    public bool Accepts(string eventType, Guid feedId) =>
        (EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal))
        && (FeedIds.Count == 0 || FeedIds.Contains(feedId));
}
