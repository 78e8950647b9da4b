namespace Feed.Updater.Publishing;

/// <summary>Body of <c>POST /v1/webhooks</c>. Only <see cref="Url"/> is required.</summary>
internal sealed record WebhookCreateRequest
{
    public string? Url { get; init; }

    /// <summary>Event types to deliver (FeedEventTypes); absent or empty = all.</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Feed ids (any Guid format) whose events are delivered; absent or empty = all.</summary>
    public IReadOnlyList<string>? FeedIds { get; init; }

    public string? Description { get; init; }

    /// <summary>The signing secret; generated (32 random bytes, base64url) when absent.</summary>
    public string? Secret { get; init; }

    /// <summary>
    /// Change-log cursor to start after (as <c>nextCursor</c> of GET /v1/changes returns it; <c>0-0</c> = the whole
    /// retained log). Absent = the stream's current end: the subscription gets events from now on.
    /// </summary>
    public string? StartAt { get; init; }
}
