using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Feed.Updater.Publishing;

/// <summary>Instruments of webhook delivery (meter <c>Feed.Updater.Publishing</c>; exposed on /metrics).</summary>
internal sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "Feed.Updater.Publishing";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<string, Func<double>> _lagSources = new(StringComparer.Ordinal);

    public WebhookMetrics()
    {
        _deliveries = _meter.CreateCounter<long>(
            "feed.updater.webhook.deliveries",
            description: "Webhook delivery attempts by outcome: delivered (2xx), failed (will be retried) or dead_lettered (gave up).");
        _duration = _meter.CreateHistogram(
            "feed.updater.webhook.delivery.duration",
            "s",
            "Time of one webhook POST until the response headers (or the failure).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _meter.CreateObservableGauge(
            "feed.updater.webhook.lag",
            ObserveLag,
            "s",
            "Per subscription this instance delivers: age of the oldest event not yet delivered (0 when caught up).");
    }

    public void Delivered(TimeSpan duration)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
        _duration.Record(duration.TotalSeconds);
    }

    public void Failed(TimeSpan duration)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        _duration.Record(duration.TotalSeconds);
    }

    public void DeadLettered() => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", "dead_lettered"));

    /// <summary>Reports a subscription's lag while it is delivered here; dispose the handle when delivery stops.</summary>
    public IDisposable TrackLag(string webhookId, Func<double> lagSeconds)
    {
        _lagSources[webhookId] = lagSeconds;
        return new LagRegistration(this, webhookId);
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        foreach (var (id, source) in _lagSources)
        {
            yield return new Measurement<double>(source(), new KeyValuePair<string, object?>("webhook", id));
        }
    }

    private sealed class LagRegistration(WebhookMetrics metrics, string webhookId) : IDisposable
    {
        public void Dispose() => metrics._lagSources.TryRemove(webhookId, out _);
    }
}
