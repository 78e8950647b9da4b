using Prefix.Feeds.Events;

namespace Feed.Updater.Storage;

/// <summary>
/// Everything one poll writes to Redis in one atomic step: state fields, the fingerprint, the reschedule and the
/// events. Events are built from the sequence the feed has when the commit runs (<see cref="BuildEvents"/>), so a
/// concurrent registration or deregistration that bumped the sequence leads to a rebuild, not a gap or a duplicate.
/// </summary>
internal sealed record PollCommit
{
    public required Guid FeedId { get; init; }
    public required string LeaseToken { get; init; }

    /// <summary>Fields to set on the feed hash.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];

    /// <summary>Fields to remove from the feed hash.</summary>
    public IReadOnlyList<string> Delete { get; init; } = [];

    /// <summary>The new fingerprint; null keeps the stored one.</summary>
    public byte[]? Fingerprint { get; init; }

    /// <summary>When to check again; null takes the feed out of the schedule (gone).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    /// <summary>A URL the feed moved to: added to the URL index so registering it finds this feed.</summary>
    public string? NewUrl { get; init; }

    /// <summary>Builds the events given the feed's current sequence (the first event gets sequence + 1).</summary>
    public Func<long, IReadOnlyList<FeedChangeEvent>> BuildEvents { get; init; } = static _ => [];
}

/// <summary>How a commit ended.</summary>
internal enum PollCommitOutcome
{
    Committed,

    /// <summary>The lease expired and was reaped (or claimed again): another poll owns the feed now; nothing was written.</summary>
    LeaseLost,

    /// <summary>The feed was deregistered while it was polled; nothing was written.</summary>
    Deregistered,
}
