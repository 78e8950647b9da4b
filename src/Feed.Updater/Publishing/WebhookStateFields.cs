namespace Feed.Updater.Publishing;

/// <summary>Fields of a webhook's state hash (<c>webhook:{id}:state</c>).</summary>
internal static class WebhookStateFields
{
    /// <summary>Last stream id delivered, skipped by the filters or dead-lettered; delivery resumes after it.</summary>
    public const string Cursor = "cursor";

    /// <summary>Events delivered with a 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>HTTP status of the last attempt (0 when no response arrived).</summary>
    public const string LastStatus = "lastStatus";

    /// <summary>Why the last attempt failed; empty after a success.</summary>
    public const string LastError = "lastError";

    /// <summary>Failed attempts so far at the event now being delivered.</summary>
    public const string Attempts = "attempts";

    /// <summary>Unix ms of the last attempt.</summary>
    public const string LastAttemptAt = "lastAttemptAt";

    /// <summary>Unix ms of the last 2xx.</summary>
    public const string LastDeliveredAt = "lastDeliveredAt";
}
