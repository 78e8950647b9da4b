namespace Prefix.Redis;

/// <summary>The entries read from one stream by a multi-stream XREADGROUP.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Same name as StackExchange.Redis, so callers can swap clients.")]
public sealed record RedisStream(string Key, IReadOnlyList<StreamEntry> Entries);
