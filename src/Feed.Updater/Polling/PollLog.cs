namespace Feed.Updater.Polling;

/// <summary>Log messages of polling and probing (event ids 4300–4399).</summary>
internal static partial class PollLog
{
    [LoggerMessage(4301, LogLevel.Warning, "Feed {FeedId}: the ClickHouse insert failed ({Reason}); nothing committed, retrying in 30 s")]
    public static partial void HistoryWriteFailed(ILogger logger, Guid feedId, string reason);

    [LoggerMessage(4302, LogLevel.Information, "Feed {FeedId}: poll result not committed ({Outcome})")]
    public static partial void CommitRefused(ILogger logger, Guid feedId, string outcome);

    [LoggerMessage(4303, LogLevel.Warning, "Enclosure probing paused: {Reason}")]
    public static partial void ProbeLoopFailed(ILogger logger, string reason);
}
