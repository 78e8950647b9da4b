using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Prefix.Hosting.Metrics;

/// <summary>
/// Collects System.Diagnostics.Metrics instruments and renders them in the Prometheus text
/// exposition format (version 0.0.4). We write it ourselves because the OpenTelemetry Prometheus
/// exporter is not in the package copy we build from; the format is small and stable.
/// </summary>
/// <remarks>
/// Instruments from meters whose name starts with one of the configured prefixes are followed
/// (ours are <c>Prefix.*</c>; ASP.NET Core's <c>Microsoft.AspNetCore.Hosting</c> gives request
/// durations). Counters accumulate, gauges keep the last value, histograms keep bucket counts.
/// </remarks>
public sealed class PrometheusMetrics : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();
    private readonly string[] _meterPrefixes;

    public PrometheusMetrics(IEnumerable<string> meterPrefixes)
    {
        _meterPrefixes = meterPrefixes.ToArray();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                var series = new InstrumentSeries(instrument, BucketsFor(instrument));
                _series[instrument] = series;

                // The series rides along as the listener's state, so a measurement needs no lookup.
                listener.EnableMeasurementEvents(instrument, series);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, v, tags, state) => ((InstrumentSeries)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>((_, v, tags, state) => ((InstrumentSeries)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>((_, v, tags, state) => ((InstrumentSeries)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>((_, v, tags, state) => ((InstrumentSeries)state!).Record(v, tags));
        _listener.Start();
    }

    /// <summary>Renders every followed instrument; observable instruments are sampled now.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            series.WriteTo(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static double[] BucketsFor(Instrument instrument) =>
        instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } b } => b.ToArray(),
            Histogram<long> { Advice.HistogramBucketBoundaries: { } b } => b.Select(x => (double)x).ToArray(),
            _ => DefaultBuckets,
        };
}
