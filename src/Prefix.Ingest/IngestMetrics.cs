using System.Diagnostics.Metrics;

namespace Prefix.Ingest;

/// <summary>Ingest instruments (meter <c>Prefix.Ingest</c>; on the hosting service's /metrics).</summary>
public sealed class IngestMetrics : IDisposable
{
    private readonly Meter _meter = new("Prefix.Ingest");
    private readonly Counter<long> _rows;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _claimed;
    private readonly Histogram<double> _batchDuration;
    private long _lag;
    private long _pending;

    public IngestMetrics()
    {
        _rows = _meter.CreateCounter<long>("prefix.ingest.rows", description: "Hit rows inserted into ClickHouse.");
        _failures = _meter.CreateCounter<long>("prefix.ingest.failures", description: "Failed insert attempts (retried), by kind.");
        _parked = _meter.CreateCounter<long>("prefix.ingest.parked", description: "Unreadable entries parked in the parked stream.");
        _claimed = _meter.CreateCounter<long>("prefix.ingest.claimed", description: "Entries taken over from a consumer that stopped answering.");
        _batchDuration = _meter.CreateHistogram<double>("prefix.ingest.batch.duration", "s", "Time to map, insert and acknowledge one batch.");
        _meter.CreateObservableGauge("prefix.ingest.lag", () => Interlocked.Read(ref _lag), null, "Entries in the stream not yet delivered to the ingest group.");
        _meter.CreateObservableGauge("prefix.ingest.pending", () => Interlocked.Read(ref _pending), null, "Entries delivered but not yet acknowledged.");
    }

    public void Inserted(int rows, TimeSpan duration)
    {
        _rows.Add(rows);
        _batchDuration.Record(duration.TotalSeconds);
    }

    public void Failed(string kind) => _failures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Parked(int count) => _parked.Add(count);

    public void Claimed(int count) => _claimed.Add(count);

    public void Backlog(long lag, long pending)
    {
        Interlocked.Exchange(ref _lag, lag);
        Interlocked.Exchange(ref _pending, pending);
    }

    public void Dispose() => _meter.Dispose();
}
