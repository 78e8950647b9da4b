namespace Prefix.Redis;

/// <summary>One field of a hash.</summary>
public readonly record struct HashEntry(RedisValue Name, RedisValue Value);
