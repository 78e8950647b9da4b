namespace Feed.Updater.Scheduling;

/// <summary>What a "poll now" hint did (FEEDS.md "Registration": at most one hint-triggered poll per feed per 60 s).</summary>
internal enum HintResult
{
    /// <summary>The feed is now due immediately and its next claim says trigger = hint.</summary>
    Scheduled,

    /// <summary>A hint made the feed due within the debounce window; nothing changed.</summary>
    Debounced,

    /// <summary>The feed is being polled right now; nothing changed (that poll sees the newest content anyway).</summary>
    InProgress,

    /// <summary>The feed is not scheduled (unknown, gone or deregistered).</summary>
    NotFound,
}
