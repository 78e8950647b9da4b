using System.Diagnostics.Metrics;

namespace Feed.Updater.Fetching;

/// <summary>Fetch outcomes, durations and decoded bytes (meter <c>Feed.Updater.Fetching</c>).</summary>
internal sealed class FetchMetrics : IDisposable
{
    public const string MeterName = "Feed.Updater.Fetching";
    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
        Enum.GetValues<FetchOutcome>().Select(o => new KeyValuePair<string, object?>("outcome", TagValue(o))).ToArray();

    private static readonly KeyValuePair<string, object?> ProbeSucceeded = new("outcome", "ok");
    private static readonly KeyValuePair<string, object?> ProbeFailed = new("outcome", "failed");
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _fetches;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _probes;

    public FetchMetrics()
    {
        _fetches = _meter.CreateCounter<long>("feed.updater.fetches", description: "Feed fetches, by outcome.");
        _duration = _meter.CreateHistogram("feed.updater.fetch.duration", "s", "Time of one feed fetch, redirects and body included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _bytes = _meter.CreateCounter<long>("feed.updater.fetch.bytes", "By", "Decoded body bytes read by feed fetches.");
        _probes = _meter.CreateCounter<long>("feed.updater.enclosure.probes", description: "Enclosure ID3 probes, by outcome.");
    }

    /// <summary>The outcome's tag value, e.g. not_modified.</summary>
    public static string TagValue(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Content => "content",
        FetchOutcome.NotModified => "not_modified",
        FetchOutcome.Gone => "gone",
        FetchOutcome.ClientError => "client_error",
        FetchOutcome.RateLimited => "rate_limited",
        FetchOutcome.ServerError => "server_error",
        FetchOutcome.Timeout => "timeout",
        FetchOutcome.TooLarge => "too_large",
        FetchOutcome.BadRedirect => "bad_redirect",
        FetchOutcome.Blocked => "blocked",
        FetchOutcome.NetworkError => "network_error",
        _ => "other",
    };

    public void Fetched(FetchOutcome outcome, TimeSpan elapsed, long decodedBytes)
    {
        _fetches.Add(1, OutcomeTags[(int)outcome]);
        _duration.Record(elapsed.TotalSeconds);
        if (decodedBytes > 0)
        {
            _bytes.Add(decodedBytes);
        }
    }

    public void Probed(bool succeeded) => _probes.Add(1, succeeded ? ProbeSucceeded : ProbeFailed);

    public void Dispose() => _meter.Dispose();
}
