namespace Feed.Updater.Registration;

/// <summary>Log messages of registration. Event ids 4100–4149.</summary>
internal static partial class RegistrationLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Feed {FeedId} registered: {Url}")]
    public static partial void FeedRegistered(ILogger logger, Guid feedId, string url);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Feed {FeedId} registered again after deregistration")]
    public static partial void FeedReregistered(ILogger logger, Guid feedId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Feed {FeedId} deregistered")]
    public static partial void FeedDeregistered(ILogger logger, Guid feedId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Bulk import: {Created} created ({Reregistered} re-registered), {Existing} existing, {Rejected} rejected in {ElapsedMs} ms")]
    public static partial void ImportFinished(ILogger logger, long created, long reregistered, long existing, long rejected, long elapsedMs);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Feed {FeedId}: sequence moved from {Expected} while building {EventType}; retrying")]
    public static partial void SequenceConflict(ILogger logger, Guid feedId, long expected, string eventType);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Feed {FeedId}: gave up on {EventType} after {Attempts} sequence conflicts")]
    public static partial void SequenceGaveUp(ILogger logger, Guid feedId, string eventType, int attempts);
}
