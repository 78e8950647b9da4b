using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Integration;

/// <summary>
/// Two real updater processes over one Redis poll 10,000 feeds: the feed host itself checks that no feed is ever
/// fetched by two polls at once, and that every feed is fetched (none starved).
/// </summary>
public sealed class TwoInstancesTests
{
    private const int Feeds = 10_000;

    [Fact]
    public async Task TwoUpdaters_TenThousandFeeds_NoFeedPolledTwiceAtOnceAndNoneStarved()
    {
        var budget = new Dictionary<string, string>
        {
            ["Updater__Scheduling__HostOverrides__127.0.0.1__Concurrency"] = "1000",
            ["Updater__Scheduling__HostOverrides__127.0.0.1__RatePerSecond"] = "100000",
            ["Updater__Probing__Enabled"] = "false",
        };
        await using var first = await UpdaterUnderTest.StartAsync(budget);
        var inFlight = new ConcurrentDictionary<string, int>();
        var fetches = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        for (var n = 0; n < Feeds; n++)
        {
            first.Feeds.Map($"/two/{n}.xml", async context =>
            {
                var path = context.Request.Path.Value!;
                if (inFlight.AddOrUpdate(path, 1, (_, v) => v + 1) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                fetches.AddOrUpdate(path, 1, (_, v) => v + 1);
                await Task.Delay(Random.Shared.Next(1, 15));
                inFlight.AddOrUpdate(path, 0, (_, v) => v - 1);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
            });
        }

        // The second instance: same Redis, same ClickHouse database, its own process and port.
        var settings = new Dictionary<string, string>(budget)
        {
            ["Redis__EndPoint"] = first.Redis.Endpoint,
            ["ClickHouse__Url"] = (await SharedServers.ClickHouseUriAsync()).ToString(),
            ["ClickHouse__Database"] = first.Database,
            ["Auth__AdminKey"] = UpdaterUnderTest.AdminKey,
            ["Auth__RequestsPerMinute"] = "0",
            ["Updater__Fetching__AllowLoopback"] = "true",
            ["Updater__Scheduling__DispatchInterval"] = "00:00:00.100",
        };
        await using var second = ServiceHost.Start("Feed.Updater", settings);
        await second.WaitHealthyAsync();

        var lines = new StringBuilder();
        for (var n = 0; n < Feeds; n++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{{\"url\":\"{first.Feeds.Url($"/two/{n}.xml").AbsoluteUri}\"}}\n");
        }

        using var body = new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson");
        using (var imported = await first.Http.PostAsync(new Uri(first.BaseUri, "v1/feeds/import"), body))
        {
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (fetches.Count < Feeds && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, overlaps);
        Assert.Equal(Feeds, fetches.Count);
        var byFirst = await PollsAsync(first.BaseUri);
        var bySecond = await PollsAsync(second.BaseUri);
        Assert.True(byFirst > Feeds / 10 && bySecond > Feeds / 10, $"work split {byFirst} / {bySecond}");
    }

    private static async Task<double> PollsAsync(Uri service)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(service, "metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith("feed_updater_polls_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
