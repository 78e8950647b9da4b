namespace Prefix.Redis;

/// <summary>XPENDING summary form; the ids are null when nothing is pending.</summary>
public sealed record StreamPendingInfo(
    long PendingMessageCount,
    string? LowestPendingMessageId,
    string? HighestPendingMessageId,
    IReadOnlyList<StreamConsumer> Consumers);
