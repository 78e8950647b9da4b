namespace Feed.Updater.Scheduling;

/// <summary>A feed an instance holds the lease on. The token fences the commit: a stale holder's commit is refused.</summary>
/// <param name="FeedId">The feed.</param>
/// <param name="Url">The feed URL (the claim reads it so per-host budgets apply before the poll starts).</param>
/// <param name="LeaseToken">Unique per claim; the commit of a poll succeeds only while the feed's lease token still equals it.</param>
/// <param name="DueAt">When the feed was due (dispatch lag = poll start − DueAt).</param>
/// <param name="Trigger">poll, or hint when a poll-now hint made it due.</param>
internal sealed record ClaimedFeed(Guid FeedId, string Url, string LeaseToken, DateTimeOffset DueAt, string Trigger);
