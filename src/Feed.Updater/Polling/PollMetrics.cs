using System.Diagnostics.Metrics;

namespace Feed.Updater.Polling;

/// <summary>Poll outcomes, durations, parse volume and events (Meter "Feed.Updater.Polling").</summary>
internal sealed class PollMetrics : IDisposable
{
    private readonly Meter _meter = new("Feed.Updater.Polling");
    private readonly Counter<long> _polls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _parsedBytes;
    private readonly Counter<long> _parses;
    private readonly Counter<long> _events;

    public PollMetrics()
    {
        _polls = _meter.CreateCounter<long>("feed.updater.polls", description: "Polls finished, by outcome (not_modified, unchanged, changed, not_a_feed, gone, timeout, …).");
        _duration = _meter.CreateHistogram("feed.updater.poll.duration", "s", "Time of one poll from claim to commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _parsedBytes = _meter.CreateCounter<long>("feed.updater.parse.bytes", "By", "Feed bytes parsed.");
        _parses = _meter.CreateCounter<long>("feed.updater.parses", description: "Feed documents parsed, by result (ok, failed).");
        _events = _meter.CreateCounter<long>("feed.updater.events", description: "Change events committed to feeds:changes by polls.");
    }

    public void Polled(string outcome, TimeSpan duration)
    {
        _polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(duration.TotalSeconds);
    }

    public void Parsed(int bytes, bool ok)
    {
        _parsedBytes.Add(bytes);
        _parses.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));
    }

    public void EventsPublished(int count)
    {
        if (count > 0)
        {
            _events.Add(count);
        }
    }

    public void Dispose() => _meter.Dispose();
}
