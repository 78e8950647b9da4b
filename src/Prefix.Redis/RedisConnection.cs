using System.Diagnostics;
using Prefix.Redis.Connection;

namespace Prefix.Redis;

/// <summary>
/// A multiplexed Redis connection: one socket shared by any number of concurrent callers. Commands
/// are written in the order they are issued and answered in that order; issuing many commands
/// without awaiting each pipelines them (they are written in batches and flushed when the queue
/// drains), so there is no separate batch API.
/// </summary>
/// <remarks>
/// <para><b>Failures.</b> If the socket drops, every command already sent fails at once with a
/// <see cref="RedisConnectionException"/> (it may or may not have executed; it is never retried),
/// and the connection reconnects in the background with exponential backoff between
/// <see cref="RedisOptions.ReconnectMinBackoff"/> and <see cref="RedisOptions.ReconnectMaxBackoff"/>,
/// re-running AUTH and SELECT.</para>
/// <para><b>While disconnected</b>, new commands wait for the reconnect, up to their timeout; if the
/// server does not come back in time they fail with a <see cref="RedisTimeoutException"/> that says
/// they were not sent and why the connection is down.</para>
/// <para><b>Timeouts.</b> Each command has a deadline (<see cref="RedisOptions.CommandTimeout"/>,
/// plus the BLOCK time for blocking reads) counted from when it is issued. A command that times out
/// after being sent fails with <see cref="RedisTimeoutException"/> right away, but stays in the reply
/// queue so its late reply is matched to it and discarded, never to the next command; the
/// connection stays up. If that reply is still missing a further <see cref="RedisOptions.CommandTimeout"/>
/// later, the server is considered unresponsive and the socket is dropped and reconnected.</para>
/// <para>Blocking commands (XREADGROUP with BLOCK) hold up every command queued behind them on the
/// same connection; give long-blocking consumers their own <see cref="RedisConnection"/>.</para>
/// </remarks>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly Multiplexer _multiplexer;
    private readonly RedisOptions _options;

    private RedisConnection(Multiplexer multiplexer, RedisOptions options)
    {
        _multiplexer = multiplexer;
        _options = options;
        _multiplexer.ConnectionFailed += reason => ConnectionFailed?.Invoke(this, new RedisConnectionEventArgs(_multiplexer.EndPoint.ToString(), reason));
        _multiplexer.ConnectionRestored += () => ConnectionRestored?.Invoke(this, new RedisConnectionEventArgs(_multiplexer.EndPoint.ToString(), null));
    }

    /// <summary>Raised from the I/O loop when the socket fails (the reconnect has already started); keep handlers short, their exceptions are ignored.</summary>
    public event EventHandler<RedisConnectionEventArgs>? ConnectionFailed;

    /// <summary>Raised from the reconnect loop once a new socket is authenticated and in use; handler exceptions are ignored.</summary>
    public event EventHandler<RedisConnectionEventArgs>? ConnectionRestored;

    /// <summary>True while a socket is up; false while reconnecting.</summary>
    public bool IsConnected => _multiplexer.IsConnected;

    public RedisOptions Options => _options.Clone();

    /// <summary>Connects (and authenticates) once; bad settings or an unreachable server throw here.</summary>
    /// <exception cref="RedisConnectionException">Could not connect, or AUTH/SELECT failed.</exception>
    public static async Task<RedisConnection> ConnectAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        var multiplexer = await Multiplexer.ConnectAsync(copy, null, null, cancellationToken).ConfigureAwait(false);
        return new RedisConnection(multiplexer, copy);
    }

    /// <summary>Connects using a configuration string, see <see cref="RedisOptions.Parse"/>.</summary>
    public static Task<RedisConnection> ConnectAsync(string configuration, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisOptions.Parse(configuration), cancellationToken);

    /// <summary>PING; returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await SendAsync("PING", [], cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Runs any command and returns the raw reply.</summary>
    /// <exception cref="RedisServerException">The server answered with an error.</exception>
    public Task<RedisResult> ExecuteAsync(string command, IReadOnlyList<RedisValue> args, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(args);
        return SendAsync(command, [.. args], cancellationToken);
    }

    /// <summary>Runs any command and returns the raw reply.</summary>
    public Task<RedisResult> ExecuteAsync(string command, params RedisValue[] args) =>
        ExecuteAsync(command, (IReadOnlyList<RedisValue>)args, CancellationToken.None);

    /// <summary>Fails queued and in-flight commands with <see cref="RedisConnectionException"/> and closes the socket.</summary>
    public ValueTask DisposeAsync() => _multiplexer.DisposeAsync();

    private Task<RedisResult> SendAsync(string command, RedisValue[] args, CancellationToken cancellationToken) =>
        _multiplexer.ExecuteAsync(command, args, _options.CommandTimeout, cancellationToken);

    private Task<T> SendAsync<T>(string command, RedisValue[] args, Func<RedisResult, T> convert, CancellationToken cancellationToken) =>
        _multiplexer.ExecuteAsync(command, args, _options.CommandTimeout, convert, cancellationToken);

    private Task<RedisResult> SendAsync(string command, RedisValue[] args, TimeSpan timeout, CancellationToken cancellationToken) =>
        _multiplexer.ExecuteAsync(command, args, timeout, cancellationToken);
}
