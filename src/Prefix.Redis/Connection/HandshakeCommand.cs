namespace Prefix.Redis.Connection;

/// <summary>A command sent on every (re)connect before any caller's command: AUTH, SELECT, SUBSCRIBE...</summary>
internal sealed record HandshakeCommand(string Name, RedisValue[] Args);
