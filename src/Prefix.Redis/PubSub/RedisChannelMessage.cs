namespace Prefix.Redis;

/// <summary>A message received on a subscribed channel.</summary>
public readonly record struct RedisChannelMessage(string Channel, RedisValue Message);
