namespace Prefix.Redis;

/// <summary>
/// A command failed because of the connection, not the server's answer: it could not connect,
/// authentication failed, or the connection dropped. <see cref="WasSent"/> says whether the command
/// may have executed on the server.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException()
    {
    }

    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal RedisConnectionException(string message, string command, bool wasSent, Exception? innerException = null)
        : base(message, innerException)
    {
        Command = command;
        WasSent = wasSent;
    }

    /// <summary>The failed command, or empty for connect-time failures.</summary>
    public string Command { get; } = string.Empty;

    /// <summary>True if the command was written before the failure: it may or may not have executed.</summary>
    public bool WasSent { get; }
}
