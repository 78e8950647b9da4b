namespace Feed.Updater.Scheduling;

/// <summary>A feed an instance holds the lease on. The token fences the commit: a stale holder's commit is refused.</summary>
internal sealed record ClaimedFeed(Guid FeedId, string LeaseToken, DateTimeOffset DueAt, string Trigger);
