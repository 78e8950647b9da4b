namespace Prefix.Redis;

/// <summary>One row of the extended XPENDING form.</summary>
public sealed record StreamPendingMessageInfo(string MessageId, string ConsumerName, TimeSpan Idle, long DeliveryCount);
