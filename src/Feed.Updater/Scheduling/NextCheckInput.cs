namespace Feed.Updater.Scheduling;

/// <summary>Everything the next-check rule of FEEDS.md ("Scheduling") looks at.</summary>
internal sealed record NextCheckInput
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The newest episode's publish time; null when unknown (treated as the oldest tier).</summary>
    public DateTimeOffset? LatestEpisodeAt { get; init; }

    /// <summary>Failed polls in a row (0 after a success).</summary>
    public int ConsecutiveErrors { get; init; }

    /// <summary>The longest server cache hint: RSS ttl, Cache-Control max-age, Expires.</summary>
    public TimeSpan? ServerCacheHint { get; init; }

    /// <summary>Retry-After from a 429/503.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The feed is dead (a long run of failures): checked monthly.</summary>
    public bool Dead { get; init; }
}

/// <summary>When to check again and why (the tier or rule that decided; shown by GET /v1/feeds/{id}).</summary>
internal sealed record NextCheckDecision(DateTimeOffset NextCheckAt, string Reason);
