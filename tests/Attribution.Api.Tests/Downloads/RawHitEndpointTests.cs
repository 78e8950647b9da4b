using System.Net;
using System.Text.Json.Nodes;

namespace Attribution.Api.Tests.Downloads;

/// <summary>GET /v1/hits: raw hits, oldest first, every hit exactly once across pages.</summary>
public sealed class RawHitEndpointTests(DownloadsApi api) : IClassFixture<DownloadsApi>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hits_250HitsPagedBy100_EachOnceInTimeOrder()
    {
        var show = Guid.NewGuid();
        var key = $"cdn.example.com/{show:N}/raw.mp3";
        await api.InsertEpisodeAsync(show, Guid.NewGuid(), key, 50_000_000, 3_000);
        await api.InsertHitsAsync([.. Enumerable.Range(0, 250).Select(i => new TestHit(Day.AddSeconds(i / 2), key, $"lk-{i % 7}"))]);

        var seen = new List<(DateTimeOffset Time, string Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = $"v1/hits?showId={show}&start=2026-11-16T00:00:00Z&end=2026-11-17T00:00:00Z&limit=100" + (cursor is null ? string.Empty : "&cursor=" + cursor);
            using var response = await api.Http.GetAsync(path);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(body["hits"]!.AsArray().Select(h => (DateTimeOffset.Parse(h!["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), h["hitId"]!.GetValue<string>())));
            cursor = body["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.Select(s => s.Time).Order(), seen.Select(s => s.Time));
    }

    [Theory]
    [InlineData("v1/hits", "exactly one")]
    [InlineData("v1/hits?showId=00000000-0000-0000-0000-000000000001&url=https://x.example/a.mp3", "exactly one")]
    [InlineData("v1/hits?url=https://x.example/a.mp3&cursor=garbage", "cursor")]
    [InlineData("v1/hits?url=https://x.example/a.mp3&limit=5000", "limit")]
    public async Task BadRequests_ClearErrors(string path, string reasonContains)
    {
        using var response = await api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reasonContains, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
