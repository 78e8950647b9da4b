using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Feed.Updater.Fetching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prefix.Testing.Feeds;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The fetch instruments record outcomes, durations and decoded bytes. Runs alone: meters are process-wide.</summary>
[Collection(MeasuringTests.Name)]
public sealed class FetchMetricsTests
{
    [Fact]
    public async Task FetchAsync_Outcomes_AreCountedWithBytesAndDuration()
    {
        await using var host = await ScriptedFeedHost.StartAsync();
        host.ServeXml("/feed.xml", "<rss>12345</rss>", "\"e\"").Status("/gone.xml", 410);
        using var metrics = new FetchMetrics();
        using var fetcher = new FeedFetcher(Options.Create(TestFetchers.Options()), TimeProvider.System, metrics, NullLogger<FeedFetcher>.Instance);
        var measurements = new ConcurrentQueue<(string Name, double Value, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FetchMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Outcome(tags))));
        listener.Start();

        await fetcher.FetchAsync(TestFetchers.Get(host.Url("/feed.xml")), CancellationToken.None);
        await fetcher.FetchAsync(new FeedFetchRequest(host.Url("/feed.xml"), "\"e\"", null, false), CancellationToken.None);
        await fetcher.FetchAsync(TestFetchers.Get(host.Url("/gone.xml")), CancellationToken.None);

        var fetches = measurements.Where(m => m.Name == "feed.updater.fetches").Select(m => m.Outcome ?? "").ToArray();
        Assert.Equal("content,not_modified,gone", string.Join(",", fetches));
        Assert.Equal(16, measurements.Where(m => m.Name == "feed.updater.fetch.bytes").Sum(m => m.Value));
        Assert.Equal(3, measurements.Count(m => m.Name == "feed.updater.fetch.duration" && m.Value > 0));
    }

    private static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
