using System.Diagnostics;

namespace Prefix.Redis.Connection;

/// <summary>
/// Runs many callers' commands over one socket. Callers enqueue; a single writer loop moves
/// everything queued into the in-flight FIFO and writes it in one batch, flushing when the queue
/// drains (or every 64 KB); a single reader loop matches replies to the in-flight FIFO in order.
/// A watchdog times commands out, and a failure of the socket fails the in-flight commands at once
/// and reconnects in the background. Commands not yet sent stay queued across a reconnect.
/// </summary>
internal sealed partial class Multiplexer : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly RedisOptions _options;
    private readonly EndPointAddress _endPoint;
    private readonly Func<RedisResult, bool>? _pushHandler;
    private readonly Func<IReadOnlyList<HandshakeCommand>> _handshake;
    private readonly Lock _lock = new();
    private readonly Queue<IPendingCommand> _inFlight = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly CancellationToken _disposingToken;
    private readonly Timer _watchdog;
    private readonly long _hungGraceTicks;
    private Queue<IPendingCommand> _unsent = new();
    private RedisTransport? _transport;
    private TaskCompletionSource? _writerWake;
    private string _lastFailure = "not connected yet";
    private bool _reconnecting;
    private bool _disposed;
    private int _watchdogBusy;

    private Multiplexer(
        RedisOptions options,
        EndPointAddress endPoint,
        Func<RedisResult, bool>? pushHandler,
        Func<IReadOnlyList<HandshakeCommand>> handshake)
    {
        _options = options;
        _endPoint = endPoint;
        _pushHandler = pushHandler;
        _handshake = handshake;
        _disposingToken = _disposing.Token;
        _hungGraceTicks = (long)(options.CommandTimeout.TotalSeconds * Stopwatch.Frequency);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.CommandTimeout.TotalMilliseconds / 10, 10, 100));
        _watchdog = new Timer(static state => ((Multiplexer)state!).CheckTimeouts(), this, period, period);
    }

    /// <summary>Raised (on a pool thread) with the reason when the socket fails.</summary>
    public event Action<string>? ConnectionFailed;

    /// <summary>Raised (on a pool thread) when a reconnect attempt has succeeded.</summary>
    public event Action? ConnectionRestored;

    public EndPointAddress EndPoint => _endPoint;

    public bool IsConnected => Volatile.Read(ref _transport) is not null;

    /// <summary>Connects once; a failure here is thrown, not retried, so bad settings surface at startup.</summary>
    public static async Task<Multiplexer> ConnectAsync(
        RedisOptions options,
        Func<RedisResult, bool>? pushHandler,
        Func<IReadOnlyList<HandshakeCommand>, IReadOnlyList<HandshakeCommand>>? extendHandshake,
        CancellationToken cancellationToken)
    {
        var endPoint = EndPointAddress.Parse(options.EndPoint);
        IReadOnlyList<HandshakeCommand> Handshake()
        {
            var commands = BuildHandshake(options);
            return extendHandshake is null ? commands : extendHandshake(commands);
        }

        var transport = await RedisTransport.ConnectAsync(endPoint, options.ConnectTimeout, Handshake(), pushHandler, cancellationToken)
            .ConfigureAwait(false);
        var multiplexer = new Multiplexer(options, endPoint, pushHandler, Handshake);
        multiplexer.Attach(transport);
        return multiplexer;
    }

    public Task<RedisResult> ExecuteAsync(string name, RedisValue[] args, TimeSpan timeout, CancellationToken cancellationToken) =>
        ExecuteAsync(name, args, timeout, static reply => reply, cancellationToken);

    public Task<T> ExecuteAsync<T>(string name, RedisValue[] args, TimeSpan timeout, Func<RedisResult, T> convert, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var command = new PendingCommand<T>(name, args, timeout, convert);
        command.RegisterCancellation(cancellationToken);
        TaskCompletionSource? wake;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _unsent.Enqueue(command);
            wake = _writerWake;
            _writerWake = null;
        }

        wake?.TrySetResult();
        return command.Task;
    }

    public async ValueTask DisposeAsync()
    {
        RedisTransport? transport;
        IPendingCommand[] unsent;
        IPendingCommand[] inFlight;
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            transport = _transport;
            _transport = null;
            unsent = [.. _unsent];
            inFlight = [.. _inFlight];
            _unsent.Clear();
            _inFlight.Clear();
            wake = _writerWake;
            _writerWake = null;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _watchdog.DisposeAsync().ConfigureAwait(false);
        transport?.Dispose();
        wake?.TrySetResult();
        foreach (var command in unsent)
        {
            command.Fail(new RedisConnectionException(
                $"connection to {_endPoint} was disposed; command {command.Name} was not sent", command.Name, wasSent: false));
        }

        foreach (var command in inFlight)
        {
            command.Fail(new RedisConnectionException(
                $"connection to {_endPoint} was disposed; command {command.Name} was sent but not answered (it may or may not have executed)",
                command.Name,
                wasSent: true));
        }

        _disposing.Dispose();
    }

    private static List<HandshakeCommand> BuildHandshake(RedisOptions options)
    {
        var commands = new List<HandshakeCommand>();
        if (options.Password is not null)
        {
            commands.Add(new HandshakeCommand("AUTH", options.User is null ? [options.Password] : [options.User, options.Password]));
        }

        if (options.Database != 0)
        {
            commands.Add(new HandshakeCommand("SELECT", [options.Database]));
        }

        if (!string.IsNullOrEmpty(options.ClientName))
        {
            commands.Add(new HandshakeCommand("CLIENT", ["SETNAME", options.ClientName]));
        }

        return commands;
    }

    private void Attach(RedisTransport transport)
    {
        lock (_lock)
        {
            _transport = transport;
        }

        _ = ReadLoopAsync(transport);
        _ = WriteLoopAsync(transport);
    }
}
