using System.Diagnostics.Metrics;

namespace Feed.Updater.Scheduling;

/// <summary>Instruments of the scheduler (meter <c>Feed.Updater.Scheduling</c>; exposed on /metrics).</summary>
internal sealed class SchedulingMetrics : IDisposable
{
    public const string MeterName = "Feed.Updater.Scheduling";
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _dispatchLag;
    private readonly Counter<long> _claims;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _reaped;
    private long _due = -1;

    public SchedulingMetrics()
    {
        _dispatchLag = _meter.CreateHistogram("feed.updater.dispatch.lag", "s", "Time from a feed's due time to the start of its poll.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _claims = _meter.CreateCounter<long>("feed.updater.claims", description: "Feeds claimed from the due set.");
        _deferred = _meter.CreateCounter<long>("feed.updater.polls.deferred", description: "Claimed feeds handed back because their host had no budget.");
        _failed = _meter.CreateCounter<long>("feed.updater.polls.failed", description: "Polls whose handler threw (the lease is reaped later).");
        _reaped = _meter.CreateCounter<long>("feed.updater.leases.reaped", description: "Expired leases put back into the due set.");

        // Cached by the reconcile job: a scrape never costs a Redis round trip.
        _meter.CreateObservableGauge("feed.updater.due", ObserveDue, description: "Feeds in the due set (as of the last reconcile).");
    }

    /// <summary>Lets the dispatcher expose its in-flight count.</summary>
    public void ObserveInFlight(Func<int> inFlight) =>
        _meter.CreateObservableGauge("feed.updater.polls.inflight", inFlight, description: "Polls running in this instance.");

    public void Dispatched(TimeSpan lag) => _dispatchLag.Record(Math.Max(0, lag.TotalSeconds));

    public void Claimed(int count) => _claims.Add(count);

    public void Deferred() => _deferred.Add(1);

    public void PollFailed() => _failed.Add(1);

    public void Reaped(int count) => _reaped.Add(count);

    public void DueCount(long count) => Interlocked.Exchange(ref _due, count);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveDue()
    {
        var due = Interlocked.Read(ref _due);
        return due < 0 ? [] : [new Measurement<long>(due)];
    }
}
