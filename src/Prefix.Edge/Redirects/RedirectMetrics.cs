using System.Diagnostics.Metrics;

namespace Prefix.Edge.Redirects;

/// <summary>Redirect outcomes and the time spent recording before the 302 (meter <c>Prefix.Edge</c>).</summary>
internal sealed class RedirectMetrics : IDisposable
{
    private static readonly KeyValuePair<string, object?> Redirected = new("outcome", "redirect");
    private static readonly KeyValuePair<string, object?> RedirectedUnrecorded = new("outcome", "redirect_unrecorded");
    private static readonly KeyValuePair<string, object?> Invalid = new("outcome", "invalid");
    private static readonly KeyValuePair<string, object?> Preflight = new("outcome", "preflight");
    private readonly Meter _meter = new("Prefix.Edge.Redirects");
    private readonly Counter<long> _responses;
    private readonly Histogram<double> _recording;

    public RedirectMetrics()
    {
        _responses = _meter.CreateCounter<long>("prefix.edge.redirects", description: "Prefix requests answered, by outcome.");
        _recording = _meter.CreateHistogram("prefix.edge.recording.duration", "s", "Time from request to hit recorded (before the 302 is written).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1] });
    }

    public void Redirect(bool recorded, TimeSpan recording)
    {
        _responses.Add(1, recorded ? Redirected : RedirectedUnrecorded);
        _recording.Record(recording.TotalSeconds);
    }

    public void Refused() => _responses.Add(1, Invalid);

    public void PreflightAnswered() => _responses.Add(1, Preflight);

    public void Dispose() => _meter.Dispose();
}
