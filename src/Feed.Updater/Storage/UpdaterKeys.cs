namespace Feed.Updater.Storage;

/// <summary>
/// Every Redis key the updater uses, in one place (docs/FEEDS-UPDATER.md has the layout and sizes).
/// </summary>
internal static class UpdaterKeys
{
    /// <summary>ZSET feed id → next check (Unix ms). A feed is in exactly one of Due and Leases, or in neither when deregistered/gone.</summary>
    public const string Due = "feeds:due";

    /// <summary>ZSET feed id → lease expiry (Unix ms) of feeds an instance has claimed and is polling.</summary>
    public const string Leases = "feeds:leases";

    /// <summary>HASH canonical feed URL → feed id (registration is idempotent by URL).</summary>
    public const string ByUrl = "feeds:byurl";

    /// <summary>STRING counter: number of registered feeds (not deregistered).</summary>
    public const string Count = "feeds:count";

    /// <summary>STREAM of change events (the outbox and the change log behind GET /v1/changes); also the PUBLISH channel.</summary>
    public const string Changes = "feeds:changes";

    /// <summary>HASH webhook id → subscription JSON.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>ZSET of enclosure URLs waiting for an ID3 probe, scored by priority (publish time).</summary>
    public const string ProbeQueue = "enclosures:probe";

    /// <summary>HASH of one feed's state (fields in <see cref="FeedStateFields"/>).</summary>
    public static string Feed(Guid feedId) => "feed:" + feedId.ToString("N");

    /// <summary>STRING: the feed's change-detection fingerprint (binary). Kept out of the feed hash so that hash stays small enough for Redis's compact listpack encoding.</summary>
    public static string Fingerprint(Guid feedId) => "feed:" + feedId.ToString("N") + ":fp";

    /// <summary>HASH of one webhook's delivery state: cursor (last delivered stream id), attempts, last error.</summary>
    public static string WebhookState(string webhookId) => "webhook:" + webhookId + ":state";

    /// <summary>STREAM of events a webhook could not take after every retry.</summary>
    public static string WebhookDeadLetters(string webhookId) => "webhook:" + webhookId + ":dead";
}

/// <summary>Short field names of the per-feed hash (short because there are a million of them).</summary>
internal static class FeedStateFields
{
    public const string Url = "u";
    public const string Status = "s";
    public const string LeaseToken = "lt";
    public const string Sequence = "q";
    public const string ETag = "et";
    public const string LastModified = "lm";
    public const string NextCheck = "nc";
    public const string LastCheck = "lc";
    public const string LastHttpStatus = "hs";
    public const string LastError = "le";
    public const string ConsecutiveErrors = "ce";
    public const string LastGoodAt = "lg";
    public const string LastUnconditionalAt = "lu";
    public const string LatestEpisodeAt = "la";
    public const string Fingerprint = "fp";
    public const string Metadata = "md";
    public const string PodcastGuid = "pg";
    public const string ShowId = "sh";
    public const string RegisteredAt = "ra";
    public const string LastHintAt = "lh";

    /// <summary>"1" when a poll-now hint made the feed due: the claim reads and clears it (trigger = hint).</summary>
    public const string HintPending = "hp";
    public const string MoveCandidate = "mc";
    public const string MoveCount = "mn";
    public const string ServerHintSeconds = "sv";
}
