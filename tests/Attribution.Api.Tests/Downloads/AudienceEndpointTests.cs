using System.Net;
using System.Text.Json.Nodes;

namespace Attribution.Api.Tests.Downloads;

/// <summary>Listeners per period and audience overlap through real ClickHouse and the real endpoints.</summary>
public sealed class AudienceEndpointTests(DownloadsApi api) : IClassFixture<DownloadsApi>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 9, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Listeners_ThreeDays_DistinctPerDayAndOverTheRangeNotSummed()
    {
        var show = Guid.NewGuid();
        var key = $"cdn.example.com/{show:N}/ep.mp3";
        await api.InsertEpisodeAsync(show, Guid.NewGuid(), key, 50_000_000, 3_000);
        // The same listener on three days, another on one day: 2 + 1 + 1 daily, but 2 over the range.
        await api.InsertHitsAsync(
        [
            new(Day.AddHours(1), key, "lk-1"), new(Day.AddHours(2), key, "lk-2"),
            new(Day.AddDays(1).AddHours(1), key, "lk-1"), new(Day.AddDays(2).AddHours(1), key, "lk-1"),
        ]);
        var report = await GetAsync($"v1/shows/{show}/listeners?period=day&start={Iso(Day)}&end={Iso(Day.AddDays(3))}");
        Assert.Equal([2L, 1L, 1L], report["series"]!.AsArray().Select(p => p!["listeners"]!.GetValue<long>()));
        Assert.Equal(2, report["listeners"]!.GetValue<long>());
        Assert.Equal("day", report["period"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overlap_SharedListeners_CountsJaccardAndSuppressesSmallCells()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var keyA = $"cdn.example.com/{a:N}/ep.mp3";
        var keyB = $"cdn.example.com/{b:N}/ep.mp3";
        await api.InsertEpisodeAsync(a, Guid.NewGuid(), keyA, 50_000_000, 3_000);
        await api.InsertEpisodeAsync(b, Guid.NewGuid(), keyB, 50_000_000, 3_000);
        // A: listeners 0..19; B: listeners 10..29 → both = 10, union = 30.
        var hits = new List<TestHit>();
        for (var i = 0; i < 20; i++)
        {
            hits.Add(new(Day.AddHours(3).AddMinutes(i), keyA, $"lk-{i}", Household: $"h-{i}"));
            hits.Add(new(Day.AddHours(4).AddMinutes(i), keyB, $"lk-{i + 10}", Household: $"h-{i + 10}"));
        }

        await api.InsertHitsAsync(hits);
        var overlap = await GetAsync($"v1/shows/{a}/overlap?with={b}&start={Iso(Day)}&end={Iso(Day.AddDays(1))}");
        Assert.Equal(20, overlap["audienceA"]!.GetValue<int>());
        Assert.Equal(20, overlap["audienceB"]!.GetValue<int>());
        Assert.Equal(10, overlap["both"]!.GetValue<int>());
        Assert.Equal(10.0 / 30, overlap["jaccard"]!.GetValue<double>(), 6);
        Assert.False(overlap["suppressed"]!.GetValue<bool>());

        // A one-day slice where only 3 listeners overlap: withheld, not shown.
        var c = Guid.NewGuid();
        var keyC = $"cdn.example.com/{c:N}/ep.mp3";
        await api.InsertEpisodeAsync(c, Guid.NewGuid(), keyC, 50_000_000, 3_000);
        await api.InsertHitsAsync([.. Enumerable.Range(0, 3).Select(i => new TestHit(Day.AddHours(6).AddMinutes(i), keyC, $"lk-{i}", Household: $"h-{i}"))]);
        var small = await GetAsync($"v1/shows/{a}/overlap?with={c}&start={Iso(Day)}&end={Iso(Day.AddDays(1))}");
        Assert.True(small["suppressed"]!.GetValue<bool>());
        Assert.Null(small["both"]);
    }

    [Theory]
    [InlineData("v1/shows/not-a-uuid/overlap?with=also-not", 400, "UUID")]
    [InlineData("v1/shows/00000000-0000-0000-0000-000000000001/overlap?with=00000000-0000-0000-0000-000000000001", 400, "different show")]
    [InlineData("v1/shows/00000000-0000-0000-0000-000000000001/overlap?with=00000000-0000-0000-0000-000000000002&key=phone", 400, "device or household")]
    [InlineData("v1/shows/00000000-0000-0000-0000-000000000001/listeners?period=year", 400, "period")]
    public async Task BadRequests_ClearErrors(string path, int status, string reasonContains)
    {
        using var response = await api.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reasonContains, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
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
