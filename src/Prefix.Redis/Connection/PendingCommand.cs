using System.Diagnostics;

namespace Prefix.Redis.Connection;

/// <summary>
/// One command from the moment a caller issues it until its reply, timeout, cancellation or
/// connection failure completes it; whichever comes first wins, later attempts are no-ops. The
/// reply is converted to <typeparamref name="T"/> as it is completed, so typed commands need no
/// extra async hop per call.
/// </summary>
internal sealed class PendingCommand<T> : TaskCompletionSource<T>, IPendingCommand
{
    private readonly Func<RedisResult, T> _convert;
    private CancellationTokenRegistration _cancellation;

    public PendingCommand(string name, RedisValue[] args, TimeSpan timeout, Func<RedisResult, T> convert)
        // Continuations run on the thread pool so a caller's code never runs on (and stalls) the reader loop.
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Name = name;
        Args = args;
        Timeout = timeout;
        _convert = convert;
        Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public string Name { get; }

    public RedisValue[] Args { get; }

    public TimeSpan Timeout { get; }

    public long Deadline { get; }

    public bool IsCompleted => Task.IsCompleted;

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCommand<T>)state!).TrySetCanceled(token), this);
        }
    }

    public void Complete(RedisResult reply)
    {
        if (reply.Type == RedisResultType.Error)
        {
            Fail(new RedisServerException(reply.AsString()!, Name));
            return;
        }

        T value;
        try
        {
            value = _convert(reply);
        }
#pragma warning disable CA1031 // A reply of an unexpected shape fails this command only, never the reader loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(new RedisException($"unexpected reply to {Name}: {e.Message}", e));
            return;
        }

        if (TrySetResult(value))
        {
            _cancellation.Dispose();
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            _cancellation.Dispose();
        }
    }
}
