namespace Prefix.Redis;

/// <summary>A consumer and how many entries it holds pending (XPENDING summary).</summary>
public sealed record StreamConsumer(string Name, long PendingMessageCount);
