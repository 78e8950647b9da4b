namespace Feed.Updater.Storage;

/// <summary>Per-feed hash fields the poller adds besides <see cref="FeedStateFields"/>.</summary>
internal static class FeedStateExtraFields
{
    /// <summary>Why the next check is when it is (the scheduling rule's reason, e.g. "tier:14d").</summary>
    public const string NextCheckReason = "nr";

    /// <summary>The feed's title (≤ 200 chars): enough for a human reading GET /v1/feeds/{id} without ClickHouse.</summary>
    public const string Title = "ti";

    /// <summary>The URL the feed was registered with, kept after a move: the feed id and URL-derived show id stay tied to it.</summary>
    public const string OriginalUrl = "ou";

    /// <summary>The URL before the last move: a move straight back to it is refused (itunes:new-feed-url loops).</summary>
    public const string PreviousUrl = "pu";
}
