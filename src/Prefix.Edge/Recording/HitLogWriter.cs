using System.Buffers;
using System.Threading.Channels;

namespace Prefix.Edge.Recording;

/// <summary>
/// The append-only hit log with group commit: every request hands its hit over and waits; one writer
/// loop takes everything that has queued up, writes it with a single write (and, in
/// <see cref="HitLogDurability.Fsync"/> mode, one fsync) and then releases all those requests together.
/// Under load the batches grow by themselves, so the cost per hit falls as traffic rises.
/// </summary>
public sealed class HitLogWriter : IAsyncDisposable
{
    private readonly HitLogOptions _options;
    private readonly HitLogMetrics _metrics;
    private readonly Channel<PendingHit> _queue = Channel.CreateUnbounded<PendingHit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly object _signalLock = new();
    private TaskCompletionSource _dataWritten = NewSignal();
    private FileStream _file;
    private long _segment;
    private long _offset;
    private long _pendingBytes;

    public HitLogWriter(HitLogOptions options, HitLogMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _metrics = metrics;
        Directory.CreateDirectory(options.Directory);

        // Always start a fresh segment: the last one may end in a torn record from a crash, and appending
        // after it would hide good records behind garbage.
        var existing = HitLogSegments.List(options.Directory);
        _segment = existing.Count == 0 ? 1 : existing[^1] + 1;
        _file = OpenSegment(_segment);
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Everything up to here is written (per the durability mode) and may be shipped.</summary>
    public HitLogPosition Committed => new(Volatile.Read(ref _segment), Volatile.Read(ref _offset));

    /// <summary>Bytes written but not yet shipped; the shipper reports what it has shipped.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    /// <summary>
    /// Queues one hit and completes once it is recorded per the durability mode. False when it could
    /// not be recorded (log over its size bound, or the disk failed): the caller still redirects.
    /// </summary>
    public ValueTask<bool> AppendAsync(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > HitLogFrame.MaxPayload || PendingBytes + payload.Length > _options.MaxBytes)
        {
            _metrics.Dropped(payload.Length > HitLogFrame.MaxPayload ? "too_large" : "log_full");
            return ValueTask.FromResult(false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(buffer);
        var pending = new PendingHit(buffer, payload.Length, _options.Durability == HitLogDurability.Memory ? null : new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _metrics.Dropped("shutting_down");
            return ValueTask.FromResult(false);
        }

        return pending.Completion is null ? ValueTask.FromResult(true) : new ValueTask<bool>(pending.Completion.Task);
    }

    /// <summary>Completes when something is committed after <paramref name="position"/>, or after the timeout.</summary>
    public Task WaitForDataAsync(HitLogPosition position, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_signalLock)
        {
            if (Committed > position)
            {
                return Task.CompletedTask;
            }

            signal = _dataWritten.Task;
        }

        return signal.WaitAsync(timeout, cancellationToken).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Called by the shipper once bytes are safely in Redis.</summary>
    public void MarkShipped(long bytes) => Interlocked.Add(ref _pendingBytes, -bytes);

    /// <summary>Counts bytes already on disk at start-up that still need shipping.</summary>
    public void AddRecoveredBytes(long bytes) => Interlocked.Add(ref _pendingBytes, bytes);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingHit>(_options.MaxBatch);
        var buffer = new byte[1024 * 1024];
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var size = 0;
            while (batch.Count < _options.MaxBatch && reader.TryPeek(out var next))
            {
                var frame = HitLogFrame.HeaderSize + next.Length;
                if (size + frame > buffer.Length)
                {
                    if (size > 0)
                    {
                        break;
                    }

                    buffer = new byte[frame];
                }

                reader.TryRead(out var item);
                size += HitLogFrame.Write(item!.Payload.AsSpan(0, item.Length), buffer.AsSpan(size));
                batch.Add(item);
            }

            var ok = Commit(buffer.AsSpan(0, size), batch.Count);
            foreach (var item in batch)
            {
                ArrayPool<byte>.Shared.Return(item.Payload);
                item.Completion?.TrySetResult(ok);
            }
        }
    }

    private bool Commit(ReadOnlySpan<byte> frames, int count)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (_offset > 0 && _offset + frames.Length > _options.SegmentBytes)
            {
                _file.Dispose();
                _file = OpenSegment(_segment + 1);
                Volatile.Write(ref _offset, 0);
                Volatile.Write(ref _segment, _segment + 1);
            }

            _file.Write(frames);
            if (_options.Durability == HitLogDurability.Fsync)
            {
                _file.Flush(flushToDisk: true);
            }

            Interlocked.Add(ref _pendingBytes, frames.Length);
            Volatile.Write(ref _offset, _offset + frames.Length);
            _metrics.Committed(count, frames.Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Signal();
            return true;
        }
        catch (IOException)
        {
            _metrics.Dropped("io_error", count);
            return false;
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_signalLock)
        {
            previous = _dataWritten;
            _dataWritten = NewSignal();
        }

        previous.TrySetResult();
    }

    private FileStream OpenSegment(long segment) =>
        new(HitLogSegments.PathOf(_options.Directory, segment), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record PendingHit(byte[] Payload, int Length, TaskCompletionSource<bool>? Completion);
}
