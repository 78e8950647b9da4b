using Feed.Updater.Fetching;
using Microsoft.Extensions.Logging.Abstractions;

namespace Feed.Updater.Tests.Fetching;

/// <summary>Builds fetchers and probes the way the service does, with loopback allowed (tests talk to 127.0.0.1).</summary>
internal static class TestFetchers
{
    private static readonly FetchMetrics Metrics = new();

    public static FetcherOptions Options(Action<FetcherOptions>? configure = null)
    {
        var options = new FetcherOptions { AllowLoopback = true };
        configure?.Invoke(options);
        return options;
    }

    public static FeedFetcher Fetcher(Action<FetcherOptions>? configure = null, TimeProvider? time = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(configure)), time ?? TimeProvider.System, Metrics, NullLogger<FeedFetcher>.Instance);

    public static EnclosureProbe Probe(Action<FetcherOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(configure)), TimeProvider.System, Metrics, NullLogger<EnclosureProbe>.Instance);

    public static FeedFetchRequest Get(Uri url) => new(url, ETag: null, LastModified: null, Unconditional: false);
}
