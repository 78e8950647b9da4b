using Microsoft.Extensions.Options;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Prefix.Edge.Recording;

/// <summary>
/// Sends the hit log to the Redis Stream in order, in pipelined batches, and remembers how far it got.
/// While Redis is down the same batch is retried with backoff and the log grows on disk; when Redis
/// returns it drains in order. A batch half-sent when Redis died is sent again whole: entries carry
/// the hit id, so the replay is recognisable downstream.
/// </summary>
/// <remarks>
/// "In Redis" is not "stored": Redis may run without persistence, and entries no consumer group has read
/// yet die with it. So log segments are kept until every group has consumed (read and acknowledged) what
/// they hold, and when Redis comes back as a new process (its <c>run_id</c> changed) everything shipped but
/// not known to be consumed is shipped again. Replays carry the same hit ids, which counting deduplicates.
/// </remarks>
internal sealed partial class HitShipper(
    HitLogWriter writer,
    IOptions<HitLogOptions> logOptions,
    IOptions<ShipperOptions> options,
    RedisConnectionProvider redis,
    HitLogMetrics metrics,
    TimeProvider time,
    ILogger<HitShipper> logger) : BackgroundService
{
    private static readonly RedisValue HitField = "h";
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(200);
    private readonly ShippingCheckpoint _checkpoint = new(logOptions.Value.Directory, logOptions.Value.Durability == HitLogDurability.Fsync);
    private long _nextCheckpoint;
    private readonly HitLogReader _reader = new(logOptions.Value.Directory, writer);

    /// <summary>Batches shipped but not yet consumed by every group, oldest first: where each starts and its last stream id.</summary>
    private readonly Queue<(HitLogPosition Start, string LastId, long Bytes)> _unconsumed = new();
    private HitLogPosition _shipped;
    private HitLogPosition _consumed;
    private string? _redisRunId;
    private long _nextConsumptionCheck;

    /// <summary>How far shipping has got (for gauges and tests).</summary>
    public HitLogPosition Shipped => _shipped;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _shipped = Recover();
        _consumed = _shipped;
        metrics.Observe(writer, () => _shipped);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<byte[]>(settings.BatchSize);
        var backoff = settings.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckConsumptionAsync(settings, stoppingToken).ConfigureAwait(false);
            batch.Clear();
            var (next, bytes) = _reader.Read(_shipped, settings.BatchSize, batch);
            if (batch.Count == 0)
            {
                if (next != _shipped)
                {
                    Advance(next, 0);
                    continue;
                }

                await writer.WaitForDataAsync(_shipped, TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
                continue;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var lastId = await SendAsync(batch, settings, stoppingToken).ConfigureAwait(false);
                    metrics.Shipped(batch.Count);
                    _unconsumed.Enqueue((_shipped, lastId, bytes));
                    Advance(next, bytes);
                    backoff = settings.MinBackoff;
                    break;
                }
                catch (Exception ex) when (ex is RedisException or IOException or TimeoutException or System.Net.Sockets.SocketException)
                {
                    metrics.ShipFailed();
                    LogShipFailed(logger, batch.Count, backoff, ex.Message);
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.MaxBackoff.Ticks));
                }
            }
        }
    }

    private async Task<string> SendAsync(List<byte[]> batch, ShipperOptions settings, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        long? cap = settings.MaxStreamLength > 0 ? settings.MaxStreamLength : null;
        var sends = new Task<string>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Started together: the client pipelines them on one connection, in order.
            sends[i] = connection.StreamAddAsync(settings.Stream, HitField, batch[i], "*", cap, true, cancellationToken);
        }

        var ids = await Task.WhenAll(sends).ConfigureAwait(false);
        return ids[^1];
    }

    /// <summary>
    /// At most once a second: finds out which shipped batches every consumer group has consumed, frees the
    /// segments before them, and after a Redis restart ships the unconsumed ones again.
    /// </summary>
    private async Task CheckConsumptionAsync(ShipperOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (now < _nextConsumptionCheck)
        {
            return;
        }

        _nextConsumptionCheck = now + time.TimestampFrequency;
        try
        {
            var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
            var runId = RunId((await connection.ExecuteAsync("INFO", ["server"], cancellationToken).ConfigureAwait(false)).AsString());
            if (_redisRunId is not null && runId != _redisRunId && _unconsumed.Count > 0)
            {
                // A new Redis process: whatever no group had consumed may be gone with the old one.
                LogReplaying(logger, _unconsumed.Count, _unconsumed.Peek().Start.ToString());
                _shipped = _unconsumed.Peek().Start;
                writer.AddRecoveredBytes(_unconsumed.Sum(b => b.Bytes));
                _unconsumed.Clear();
            }

            _redisRunId = runId;
            if (_unconsumed.Count > 0)
            {
                // Per group: entries below its lowest pending id are acknowledged; with nothing pending,
                // everything up to its last delivered id is.
                var limits = new List<(string Id, bool Inclusive)>();
                foreach (var group in await connection.StreamGroupInfoAsync(settings.Stream, cancellationToken).ConfigureAwait(false))
                {
                    var pending = await connection.StreamPendingAsync(settings.Stream, group.Name, cancellationToken).ConfigureAwait(false);
                    limits.Add(pending.PendingMessageCount > 0 ? (pending.LowestPendingMessageId!, false) : (group.LastDeliveredId, true));
                }

                // Without any group nobody will ever consume: shipped is as good as it gets (the old behaviour).
                while (_unconsumed.Count > 0 && limits.TrueForAll(l => StreamIds.Compare(_unconsumed.Peek().LastId, l.Id) is var order && (order < 0 || (order == 0 && l.Inclusive))))
                {
                    _unconsumed.Dequeue();
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or IOException or TimeoutException)
        {
            // Redis is down: nothing is known to be consumed; the shipping loop reports the outage.
        }

        ForgetBeyondRetentionBound();
        ReleaseConsumed(_unconsumed.Count > 0 ? _unconsumed.Peek().Start : _shipped);
    }

    /// <summary>
    /// Keeping shipped hits until they are consumed is insurance against losing Redis; with no ingest
    /// running it would fill the disk. Past <see cref="HitLogOptions.MaxBytes"/> of such hits the oldest
    /// are given up to Redis alone (counted), so new hits can still be recorded.
    /// </summary>
    private void ForgetBeyondRetentionBound()
    {
        var retained = _unconsumed.Sum(b => b.Bytes);
        var forgotten = 0;
        while (_unconsumed.Count > 0 && retained > logOptions.Value.MaxBytes)
        {
            retained -= _unconsumed.Dequeue().Bytes;
            forgotten++;
        }

        if (forgotten > 0)
        {
            LogRetentionBound(logger, forgotten);
        }
    }

    private void Advance(HitLogPosition next, long bytes)
    {
        _shipped = next;

        // The checkpoint only saves re-shipping after a restart (replays are recognisable by hit id), so
        // writing it a few times a second is plenty.
        var now = time.GetTimestamp();
        if (now >= _nextCheckpoint)
        {
            _checkpoint.Save(next);
            _nextCheckpoint = now + (long)(CheckpointInterval.TotalSeconds * time.TimestampFrequency);
        }

        writer.MarkShipped(bytes);
    }

    /// <summary>Deletes the segments before <paramref name="consumed"/>: every group has consumed them.</summary>
    private void ReleaseConsumed(HitLogPosition consumed)
    {
        for (var segment = _consumed.Segment; segment < consumed.Segment; segment++)
        {
            File.Delete(HitLogSegments.PathOf(logOptions.Value.Directory, segment));
        }

        if (consumed > _consumed)
        {
            _consumed = consumed;
        }
    }

    private static string? RunId(string? info)
    {
        foreach (var line in (info ?? string.Empty).Split('\n'))
        {
            if (line.StartsWith("run_id:", StringComparison.Ordinal))
            {
                return line[7..].Trim();
            }
        }

        return null;
    }

    private HitLogPosition Recover()
    {
        var directory = logOptions.Value.Directory;
        var segments = HitLogSegments.List(directory);
        var saved = _checkpoint.Load();
        var start = saved ?? new HitLogPosition(segments.Count > 0 ? segments[0] : writer.Committed.Segment, 0);
        foreach (var segment in segments.Where(s => s < start.Segment))
        {
            File.Delete(HitLogSegments.PathOf(directory, segment));
        }

        var backlog = segments.Where(s => s >= start.Segment && s < writer.Committed.Segment).Sum(s => HitLogSegments.SizeOf(directory, s)) - start.Offset;
        backlog = Math.Max(0, backlog);
        writer.AddRecoveredBytes(backlog);
        var position = start.ToString();
        LogRecovered(logger, position, backlog);
        return start;
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Hit log shipping resumes at {Position} with {Bytes} bytes to ship")]
    private static partial void LogRecovered(ILogger logger, string position, long bytes);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Redis restarted: shipping again {Batches} batches no consumer group had consumed, from {Position}")]
    private static partial void LogReplaying(ILogger logger, int batches, string position);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "No consumer group is keeping up: {Batches} shipped batches are no longer kept on disk (HitLog:MaxBytes); they are in Redis only")]
    private static partial void LogRetentionBound(ILogger logger, int batches);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Shipping {Count} hits to Redis failed; retrying in {Backoff}: {Reason}")]
    private static partial void LogShipFailed(ILogger logger, int count, TimeSpan backoff, string reason);
}
