namespace Feed.Updater.Scheduling;

/// <summary>Polls one claimed feed and commits (or releases) its lease. Implemented by Polling/FeedPoller.</summary>
internal interface IFeedPollHandler
{
    Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken);
}
