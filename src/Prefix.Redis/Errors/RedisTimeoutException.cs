namespace Prefix.Redis;

/// <summary>A command got no answer within its timeout. <see cref="WasSent"/> says whether it may have executed.</summary>
public sealed class RedisTimeoutException : RedisException
{
    public RedisTimeoutException()
    {
    }

    public RedisTimeoutException(string message)
        : base(message)
    {
    }

    public RedisTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal RedisTimeoutException(string message, string command, TimeSpan timeout, bool wasSent)
        : base(message)
    {
        Command = command;
        Timeout = timeout;
        WasSent = wasSent;
    }

    public string Command { get; } = string.Empty;

    public TimeSpan Timeout { get; }

    /// <summary>True if the command had been written to the server (it may still execute).</summary>
    public bool WasSent { get; }
}
