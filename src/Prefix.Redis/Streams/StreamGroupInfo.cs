namespace Prefix.Redis;

/// <summary>One group from XINFO GROUPS; <see cref="EntriesRead"/> and <see cref="Lag"/> need Redis 7 (null when unknown).</summary>
public sealed record StreamGroupInfo(
    string Name,
    long ConsumerCount,
    long PendingMessageCount,
    string LastDeliveredId,
    long? EntriesRead,
    long? Lag);
