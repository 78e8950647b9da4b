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
    private readonly ShippingCheckpoint _checkpoint = new(logOptions.Value.Directory);
    private readonly HitLogReader _reader = new(logOptions.Value.Directory, writer);
    private HitLogPosition _shipped;

    /// <summary>How far shipping has got (for gauges and tests).</summary>
    public HitLogPosition Shipped => _shipped;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _shipped = Recover();
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
                    await SendAsync(batch, settings, stoppingToken).ConfigureAwait(false);
                    metrics.Shipped(batch.Count);
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

    private async Task SendAsync(List<byte[]> batch, ShipperOptions settings, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        long? cap = settings.MaxStreamLength > 0 ? settings.MaxStreamLength : null;
        var sends = new Task<string>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Started together: the client pipelines them on one connection, in order.
            sends[i] = connection.StreamAddAsync(settings.Stream, HitField, batch[i], "*", cap, true, cancellationToken);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private void Advance(HitLogPosition next, long bytes)
    {
        var previousSegment = _shipped.Segment;
        _shipped = next;
        _checkpoint.Save(next);
        writer.MarkShipped(bytes);
        for (var segment = previousSegment; segment < next.Segment; segment++)
        {
            // Fully shipped segments are no longer needed.
            File.Delete(HitLogSegments.PathOf(logOptions.Value.Directory, segment));
        }
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

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Shipping {Count} hits to Redis failed; retrying in {Backoff}: {Reason}")]
    private static partial void LogShipFailed(ILogger logger, int count, TimeSpan backoff, string reason);
}
