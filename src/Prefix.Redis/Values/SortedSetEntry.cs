namespace Prefix.Redis;

/// <summary>A sorted-set member with its score.</summary>
public readonly record struct SortedSetEntry(RedisValue Element, double Score);
