namespace Feed.Updater.Scheduling;

/// <summary>Log messages of the scheduler (event ids 4200–4249).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Poll of feed {FeedId} failed unexpectedly; its lease will be reaped")]
    public static partial void PollFailed(this ILogger logger, Guid feedId, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Re-queued {Count} feeds whose lease expired")]
    public static partial void LeasesReaped(this ILogger logger, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Reconcile: scanned {Scanned}, re-queued {Requeued}, removed {Removed}, {Due} due")]
    public static partial void Reconciled(this ILogger logger, int scanned, int requeued, int removed, long due);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Daily sweep: {Scanned} registered feeds checked, {Requeued} re-queued, {Removed} removed, {Due} due")]
    public static partial void Swept(this ILogger logger, int scanned, int requeued, int removed, long due);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Shutdown: {Count} polls still running after {Timeout}; cancelling them")]
    public static partial void DrainTimedOut(this ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Dispatching paused: {Reason}")]
    public static partial void DispatchPaused(this ILogger logger, string reason);
}
