namespace Prefix.Redis;

/// <summary>One field of a stream entry.</summary>
public readonly record struct NameValueEntry(RedisValue Name, RedisValue Value);
