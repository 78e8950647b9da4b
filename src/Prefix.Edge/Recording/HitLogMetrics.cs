using System.Diagnostics.Metrics;

namespace Prefix.Edge.Recording;

/// <summary>Instruments of the hit log and the shipper (meter <c>Prefix.Edge</c>; exposed on /metrics).</summary>
public sealed class HitLogMetrics : IDisposable
{
    public const string MeterName = "Prefix.Edge";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _hitsWritten;
    private readonly Counter<long> _bytesWritten;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _shipped;
    private readonly Counter<long> _shipFailures;

    public HitLogMetrics()
    {
        _hitsWritten = _meter.CreateCounter<long>("prefix.edge.hitlog.hits", description: "Hits written to the local hit log.");
        _bytesWritten = _meter.CreateCounter<long>("prefix.edge.hitlog.written", "By", "Bytes written to the local hit log.");
        _commitDuration = _meter.CreateHistogram("prefix.edge.hitlog.commit.duration", "s", "Time of one group commit (write, and fsync when configured).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25] });
        _batchSize = _meter.CreateHistogram("prefix.edge.hitlog.commit.hits", description: "Hits per group commit.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096] });
        _dropped = _meter.CreateCounter<long>("prefix.edge.hits.dropped", description: "Hits that could not be recorded (the redirect still went out), by reason.");
        _shipped = _meter.CreateCounter<long>("prefix.edge.shipper.hits", description: "Hits shipped to the Redis Stream.");
        _shipFailures = _meter.CreateCounter<long>("prefix.edge.shipper.failures", description: "Failed shipping attempts (Redis unreachable or erroring); the batch is retried.");
    }

    /// <summary>Lets the log expose its backlog as gauges once the writer exists.</summary>
    public void Observe(HitLogWriter writer, Func<HitLogPosition> shippedPosition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _meter.CreateObservableGauge("prefix.edge.hitlog.pending", () => writer.PendingBytes, "By", "Hit log bytes written but not yet shipped to Redis.");
        _meter.CreateObservableGauge("prefix.edge.hitlog.segments.behind", () => writer.Committed.Segment - shippedPosition().Segment, null, "Segments between the shipper and the writer.");
    }

    public void Committed(int hits, int bytes, TimeSpan duration)
    {
        _hitsWritten.Add(hits);
        _bytesWritten.Add(bytes);
        _batchSize.Record(hits);
        _commitDuration.Record(duration.TotalSeconds);
    }

    public void Dropped(string reason, int hits = 1) => _dropped.Add(hits, new KeyValuePair<string, object?>("reason", reason));

    public void Shipped(int hits) => _shipped.Add(hits);

    public void ShipFailed() => _shipFailures.Add(1);

    public void Dispose() => _meter.Dispose();
}
