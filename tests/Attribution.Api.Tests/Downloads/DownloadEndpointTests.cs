using System.Net;
using System.Text.Json.Nodes;

namespace Attribution.Api.Tests.Downloads;

/// <summary>
/// COUNTING.md's known answers through real ClickHouse and the real endpoints, plus the endpoints' own contract
/// (modes echoed, series, breakdown, CSV, errors, show scoping).
/// </summary>
public sealed class DownloadEndpointTests(DownloadsApi api) : IClassFixture<DownloadsApi>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ByUrl_OneIpTenGetsFromSixAgents_SixDownloadsSixListeners()
    {
        var key = "cdn.example.com/ua-split/ep1.mp3";
        var agents = new[] { "AppleCoreMedia/1.0", "Overcast/3.0", "PocketCasts/7", "Spotify/8.9", "Castro/2024", "AntennaPod/3.4" };
        var hits = Enumerable.Range(0, 10).Select(i => new TestHit(Day.AddHours(9).AddMinutes(i), key, "lk-" + agents[i % 6], agents[i % 6])).ToList();
        await api.InsertHitsAsync(hits);

        var report = await GetAsync($"v1/downloads?url=https://cdn.example.com/ua-split/ep1.mp3?utm_source=x&start={Iso(Day)}&end={Iso(Day.AddDays(1))}");
        Assert.Equal(6, report["total"]!["downloads"]!.GetValue<long>());
        Assert.Equal(6, report["total"]!["listeners"]!.GetValue<long>());
        Assert.Equal("calendar", report["window"]!.GetValue<string>());
        Assert.Equal("prefix", report["mode"]!.GetValue<string>());
        Assert.StartsWith("prefix-", report["ruleset"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prefix", true, 1)]
    [InlineData("strict", true, 1)]
    [InlineData("prefix", false, 1)]
    [InlineData("strict", false, 0)]
    public async Task ByUrl_ProbeThenFull_OneDownloadProbeAloneOnlyInPrefixMode(string mode, bool thenFull, long expected)
    {
        var key = $"cdn.example.com/probe-{mode}-{thenFull}/ep.mp3";
        List<TestHit> hits = [new(Day.AddHours(8), key, "lk-probe", Range: "bytes=0-1")];
        if (thenFull)
        {
            hits.Add(new(Day.AddHours(8).AddSeconds(1), key, "lk-probe", Range: "bytes=0-"));
        }

        await api.InsertHitsAsync(hits);
        var report = await GetAsync($"v1/downloads?url=https://{key}&mode={mode}&start={Iso(Day)}&end={Iso(Day.AddDays(1))}");
        Assert.Equal(expected, report["total"]!["downloads"]!.GetValue<long>());
        Assert.Equal(mode, report["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task ByEpisode_RangesAreUnionedNotSummed(bool fillGap, long expected)
    {
        // S = 4,000,000, D = 1,000 s, H = 0 → T = 240,000. 0-149999 and 100000-199999 union to 200,000 (a naive sum, 250,000, would pass).
        var show = Guid.NewGuid();
        var episode = Guid.NewGuid();
        var key = $"cdn.example.com/union-{fillGap}/ep.mp3";
        await api.InsertEpisodeAsync(show, episode, key, 4_000_000, 1_000);
        List<TestHit> hits = [new(Day.AddHours(10), key, "lk-union", Range: "bytes=0-149999"), new(Day.AddHours(10).AddSeconds(5), key, "lk-union", Range: "bytes=100000-199999")];
        if (fillGap)
        {
            hits.Add(new(Day.AddHours(10).AddSeconds(9), key, "lk-union", Range: "bytes=200000-239999"));
        }

        await api.InsertHitsAsync(hits);
        var report = await GetAsync($"v1/episodes/{episode}/downloads?start={Iso(Day)}&end={Iso(Day.AddDays(1))}");
        Assert.Equal(expected, report["total"]!["downloads"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("calendar", 2)]
    [InlineData("rolling-first", 1)]
    public async Task ByUrl_TwentyOneAndTwoOClock_CalendarTwoRollingOne(string window, long expected)
    {
        var key = $"cdn.example.com/windows-{window}/ep.mp3";
        await api.InsertHitsAsync([new(Day.AddHours(21), key, "lk-night"), new(Day.AddDays(1).AddHours(2), key, "lk-night")]);
        var report = await GetAsync($"v1/downloads?url=https://{key}&window={window}&start={Iso(Day)}&end={Iso(Day.AddDays(2))}");
        Assert.Equal(expected, report["total"]!["downloads"]!.GetValue<long>());
        Assert.Equal(window, report["window"]!.GetValue<string>());
    }

    [Fact]
    public async Task ByShow_SeriesAndBreakdownAndCsv_BotsAndHeadKeptApart()
    {
        var show = Guid.NewGuid();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var firstKey = $"cdn.example.com/{show:N}/one.mp3";
        var secondKey = $"cdn.example.com/{show:N}/two.mp3";
        await api.InsertEpisodeAsync(show, first, firstKey, 50_000_000, 3_000, "One");
        await api.InsertEpisodeAsync(show, second, secondKey, 50_000_000, 3_000, "Two");
        await api.InsertHitsAsync(
        [
            new(Day.AddHours(1), firstKey, "lk-a", App: "Overcast"),
            new(Day.AddHours(2), firstKey, "lk-b", App: "Apple Podcasts"),
            new(Day.AddDays(1).AddHours(3), secondKey, "lk-a", App: "Overcast"),
            new(Day.AddHours(4), firstKey, "lk-bot", "Googlebot/2.1", IsBot: true),
            new(Day.AddHours(5), secondKey, "lk-head", Method: "HEAD"),
        ]);

        var report = await GetAsync($"v1/shows/{show}/downloads?interval=day&start={Iso(Day)}&end={Iso(Day.AddDays(2))}");
        Assert.Equal(3, report["total"]!["downloads"]!.GetValue<long>());
        Assert.Equal(2, report["total"]!["listeners"]!.GetValue<long>());
        Assert.Equal(1, report["total"]!["bots"]!.GetValue<long>());
        var series = report["series"]!.AsArray();
        Assert.Equal([2L, 1L], series.Select(p => p!["downloads"]!.GetValue<long>()));
        Assert.Equal([2L, 1L], series.Select(p => p!["listeners"]!.GetValue<long>()));

        var byEpisode = await GetAsync($"v1/shows/{show}/downloads?by=episode&start={Iso(Day)}&end={Iso(Day.AddDays(2))}");
        var rows = byEpisode["breakdown"]!.AsArray();
        Assert.Equal(first.ToString("D"), rows[0]!["key"]!.GetValue<string>());
        Assert.Equal(2, rows[0]!["downloads"]!.GetValue<long>());
        var byApp = await GetAsync($"v1/shows/{show}/downloads?by=app&start={Iso(Day)}&end={Iso(Day.AddDays(2))}");
        Assert.Equal("Overcast", byApp["breakdown"]![0]!["key"]!.GetValue<string>());

        var csv = await api.Http.GetStringAsync($"v1/shows/{show}/downloads?interval=day&format=csv&start={Iso(Day)}&end={Iso(Day.AddDays(2))}");
        Assert.Equal($"start,downloads,listeners,window,mode,ruleset", csv.Split('\n')[0]);
        Assert.StartsWith("2026-11-02T00:00:00Z,2,2,calendar,prefix,", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/downloads", 400, "enclosure URL")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&window=weekly", 400, "window")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&mode=loose", 400, "mode")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&start=yesterday", 400, "start")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&start=2026-11-02T00:00:00Z&end=2026-11-01T00:00:00Z", 400, "after")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&format=xml", 400, "format")]
    [InlineData("v1/shows/not-a-uuid/downloads", 400, "UUID")]
    [InlineData("v1/shows/00000000-0000-0000-0000-000000000001/downloads", 404, "register")]
    [InlineData("v1/episodes/00000000-0000-0000-0000-000000000001/downloads", 404, "episode")]
    [InlineData("v1/downloads?url=https://x.example/a.mp3&start=2026-11-02T00:00:00Z%27%20OR%201=1--", 400, "start")]
    public async Task BadRequests_ClearErrors(string path, int status, string reasonContains)
    {
        using var response = await api.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reasonContains, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByUrl_HostileUrl_IsDataNotSql()
    {
        var report = await GetAsync("v1/downloads?url=" + Uri.EscapeDataString("https://x.example/a.mp3?q=' OR 1=1; DROP TABLE hits --"));
        Assert.Equal(0, report["total"]!["downloads"]!.GetValue<long>());
        Assert.True(await api.ClickHouse.ExecuteScalarAsync<ulong>("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'hits'") == 1);
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await api.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
