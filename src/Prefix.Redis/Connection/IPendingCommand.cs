namespace Prefix.Redis.Connection;

/// <summary>What the multiplexer needs of a queued command, whatever its result type.</summary>
internal interface IPendingCommand
{
    string Name { get; }

    RedisValue[] Args { get; }

    TimeSpan Timeout { get; }

    /// <summary>Stopwatch timestamp after which the command times out; long.MaxValue for never.</summary>
    long Deadline { get; }

    bool IsCompleted { get; }

    void Complete(RedisResult reply);

    void Fail(Exception exception);
}
