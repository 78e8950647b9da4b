using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Prefix.ClickHouse;
using Prefix.Core.Episodes;

namespace Attribution.Api.Tests.Listens;

public sealed class ListenEndpointTests(ListenDatabase db) : IClassFixture<ListenDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostListens_SameBatchSyncedThreeTimes_CountedOnce()
    {
        var clock = new ManualClock(Now);
        await using var api = await ListenApi.StartAsync(db, clock);
        var episode = Guid.NewGuid();
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var batch = Batch(Now, [
            Event(device, "e1", episode, "play", 0, Now.AddMinutes(-10)),
            Event(device, "e2", episode, "progress", 60, Now.AddMinutes(-9)),
            Event(device, "e3", episode, "pause", 100, Now.AddMinutes(-9).AddSeconds(40)),
        ]);

        var answers = new List<string>();
        for (var sync = 0; sync < 3; sync++)
        {
            // A retry carries the same sentAt but arrives later; the first receipt's skew estimate must win.
            var posted = await PostAsync(api, batch);
            Assert.Equal(3, posted.GetProperty("accepted").GetInt32());
            answers.Add(await api.Http.GetStringAsync($"v1/episodes/{episode}/listens"));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        // The same events re-sent under new event ids (an app that lost its ids) are caught by the content hash.
        await PostAsync(api, batch.Replace("\"e1\"", "\"x1\"", StringComparison.Ordinal).Replace("\"e3\"", "\"x3\"", StringComparison.Ordinal));
        answers.Add(await api.Http.GetStringAsync($"v1/episodes/{episode}/listens"));

        // After ReplacingMergeTree merged the copies (first receipt wins there too) the answer is still the same.
        await db.Client.ExecuteAsync("OPTIMIZE TABLE listen_events FINAL");
        answers.Add(await api.Http.GetStringAsync($"v1/episodes/{episode}/listens"));

        Assert.Equal("""{"threshold":30,"total":{"listens":1,"devices":1,"playedSec":100,"flagged":0},"completionShare":null}""", answers[0]);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        var stored = await db.Client.ExecuteScalarAsync<ulong>($"SELECT count() FROM listen_events WHERE device_id = {ClickHouseSql.Literal(device)}");
        Assert.Equal(5UL, stored); // e1..e3 merged to one row each; x1 and x3 are deduplicated by content hash when read.
        var kept = await db.Client.ExecuteScalarAsync<long>($"SELECT corrected_ms FROM listen_events WHERE device_id = {ClickHouseSql.Literal(device)} AND event_id = 'e1'");
        Assert.Equal(Now.AddMinutes(-10).ToUnixTimeMilliseconds(), kept); // the first receipt's correction, not the retries' (+1, +2 min)
    }

    [Fact]
    public async Task GetListens_DevicePlaysTwoEpisodesAtOnce_FlaggedAndExcluded()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));
        var (episode, other) = (Guid.NewGuid(), Guid.NewGuid());
        var (cheat, honest) = ("dev-" + Guid.NewGuid().ToString("N"), "dev-" + Guid.NewGuid().ToString("N"));
        var start = Now.AddHours(-1);
        await PostAsync(api, Batch(Now, [
            Event(cheat, "a1", episode, "play", 0, start),
            Event(cheat, "a2", episode, "pause", 120, start.AddSeconds(120)),
            Event(cheat, "b1", other, "play", 0, start),
            Event(cheat, "b2", other, "pause", 120, start.AddSeconds(120)),
            Event(honest, "h1", episode, "play", 0, start),
            Event(honest, "h2", episode, "pause", 120, start.AddSeconds(120)),
            Event(honest, "h3", other, "play", 0, start.AddSeconds(130)),
            Event(honest, "h4", other, "pause", 120, start.AddSeconds(250)),
        ]));

        Assert.Equal(
            """{"threshold":30,"total":{"listens":1,"devices":1,"playedSec":120,"flagged":1},"completionShare":null}""",
            await api.Http.GetStringAsync($"v1/episodes/{episode}/listens"));
    }

    [Fact]
    public async Task PostListens_OfflineBatchWithSlowClock_LandsAtCorrectedTimes()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));
        var episode = Guid.NewGuid();
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var skew = TimeSpan.FromHours(3);
        var clientNow = Now - skew;
        var playedAt = Now.AddDays(-2);
        var batch = Batch(clientNow, [
            Event(device, "e1", episode, "play", 0, playedAt - skew, offline: true),
            Event(device, "e2", episode, "stop", 45, playedAt - skew + TimeSpan.FromSeconds(45), offline: true),
        ]);

        var posted = await PostAsync(api, batch);

        Assert.Equal(10_800, posted.GetProperty("skewSec").GetDouble());
        var corrected = await db.Client.ExecuteScalarAsync<long>(
            $"SELECT min(corrected_ms) FROM listen_events WHERE device_id = {ClickHouseSql.Literal(device)}");
        Assert.Equal(playedAt.ToUnixTimeMilliseconds(), corrected);
        var around = await GetAsync(api, episode, playedAt.AddHours(-1), playedAt.AddHours(1));
        var atClientTime = await GetAsync(api, episode, playedAt.AddHours(-4), playedAt.AddHours(-2));
        Assert.Equal(1, around.GetProperty("total").GetProperty("listens").GetInt32());
        Assert.Equal(45, around.GetProperty("total").GetProperty("playedSec").GetDouble());
        Assert.Equal(0, atClientTime.GetProperty("total").GetProperty("devices").GetInt32());
    }

    [Fact]
    public async Task PostListens_EventOlderThanLateWindow_RejectedWithReason()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));
        var episode = Guid.NewGuid();
        var device = "dev-" + Guid.NewGuid().ToString("N");
        var batch = Batch(Now, [
            Event(device, "fresh", episode, "play", 0, Now.AddDays(-29)),
            Event(device, "stale", episode, "play", 0, Now.AddDays(-31)),
        ]);

        var posted = await PostAsync(api, batch);

        Assert.Equal(1, posted.GetProperty("accepted").GetInt32());
        Assert.Equal(1, posted.GetProperty("rejected").GetInt32());
        var rejection = Assert.Single(posted.GetProperty("rejections").EnumerateArray());
        Assert.Equal(1, rejection.GetProperty("index").GetInt32());
        Assert.Equal("stale", rejection.GetProperty("eventId").GetString());
        Assert.Equal("too_late", rejection.GetProperty("reason").GetString());
        Assert.Contains("30 days", rejection.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = await db.Client.ExecuteScalarAsync<ulong>($"SELECT count() FROM listen_events WHERE device_id = {ClickHouseSql.Literal(device)}");
        Assert.Equal(1UL, stored);
    }

    [Fact]
    public async Task PostListens_EnclosureUrl_ResolvedThroughEpisodesRowWithDuration()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));
        var episode = Guid.NewGuid();
        var url = $"https://cdn.example.com/{Guid.NewGuid():N}/ep.mp3";
        await InsertEpisodeAsync(episode, url, durationSec: 200);
        var device = "dev-" + Guid.NewGuid().ToString("N");

        await PostAsync(api, Batch(Now, [
            EnclosureEvent(device, "e1", url.Replace("https://cdn.", "http://CDN.", StringComparison.Ordinal), "play", 0, Now.AddMinutes(-5)),
            EnclosureEvent(device, "e2", url, "pause", 100, Now.AddMinutes(-5).AddSeconds(100)),
        ]));

        var stored = await db.Client.ExecuteScalarAsync<Guid>($"SELECT any(episode_id) FROM listen_events WHERE device_id = {ClickHouseSql.Literal(device)}");
        Assert.Equal(episode, stored);
        Assert.Equal(
            """{"threshold":30,"total":{"listens":1,"devices":1,"playedSec":100,"flagged":0},"completionShare":0.5}""",
            await api.Http.GetStringAsync($"v1/episodes/{episode}/listens"));
    }

    [Fact]
    public async Task PostListens_EnclosureUnknownWhenSynced_MappedOnceTheEpisodeAppears()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));
        var episode = Guid.NewGuid();
        var url = $"https://cdn.example.com/{Guid.NewGuid():N}/late.mp3";
        var device = "dev-" + Guid.NewGuid().ToString("N");
        await PostAsync(api, Batch(Now, [
            EnclosureEvent(device, "e1", url, "play", 0, Now.AddMinutes(-5)),
            EnclosureEvent(device, "e2", url, "complete", 40, Now.AddMinutes(-5).AddSeconds(40)),
        ]));
        var before = await GetAsync(api, episode, null, null);

        await InsertEpisodeAsync(episode, url, durationSec: -1);
        var after = await GetAsync(api, episode, null, null);

        Assert.Equal(0, before.GetProperty("total").GetProperty("devices").GetInt32());
        Assert.Equal(1, after.GetProperty("total").GetProperty("listens").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("completionShare").ValueKind);
    }

    [Fact]
    public async Task PostListens_TooManyEvents_413WithReason()
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now), maxEventsPerBatch: 2);
        var episode = Guid.NewGuid();
        var batch = Batch(Now, [.. Enumerable.Range(0, 3).Select(i => Event("d", "e" + i, episode, "play", 0, Now))]);

        using var response = await api.Http.PostAsync("v1/listens", new StringContent(batch, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 2 events", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/listens", "not json", "JSON object")]
    [InlineData("v1/episodes/abc/listens", null, "episodeId must be")]
    [InlineData("v1/episodes/6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10/listens?start=soon", null, "start must be")]
    [InlineData("v1/episodes/6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10/listens?start=2026-11-02&end=2026-11-01", null, "end must be after start")]
    public async Task Listens_BadRequest_400WithError(string path, string? body, string expected)
    {
        await using var api = await ListenApi.StartAsync(db, new ManualClock(Now));

        using var response = body is null
            ? await api.Http.GetAsync(path)
            : await api.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Batch(DateTimeOffset sentAt, IEnumerable<string> events) =>
        $$"""{"sentAt":"{{Iso(sentAt)}}","events":[{{string.Join(",", events)}}]}""";

    private static string Event(string device, string eventId, Guid episode, string type, double position, DateTimeOffset clientTime, bool offline = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["deviceId"] = device, ["eventId"] = eventId, ["episodeId"] = episode.ToString(), ["type"] = type,
            ["positionSec"] = position, ["clientTime"] = Iso(clientTime), ["offline"] = offline,
        });

    private static string EnclosureEvent(string device, string eventId, string url, string type, double position, DateTimeOffset clientTime) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["deviceId"] = device, ["eventId"] = eventId, ["enclosureUrl"] = url, ["type"] = type,
            ["positionSec"] = position, ["clientTime"] = Iso(clientTime),
        });

    private static async Task<JsonElement> PostAsync(ListenApi api, string batch)
    {
        using var response = await api.Http.PostAsync("v1/listens", new StringContent(batch, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> GetAsync(ListenApi api, Guid episode, DateTimeOffset? start, DateTimeOffset? end)
    {
        var query = start is { } s && end is { } e ? $"?start={Uri.EscapeDataString(Iso(s))}&end={Uri.EscapeDataString(Iso(e))}" : string.Empty;
        using var document = JsonDocument.Parse(await api.Http.GetStringAsync($"v1/episodes/{episode}/listens{query}"));
        return document.RootElement.Clone();
    }

    private async Task InsertEpisodeAsync(Guid episode, string url, double durationSec)
    {
        string[] columns = ["show_id", "episode_id", "feed_id", "guid", "enclosure_url", "episode_key", "duration_sec", "version"];
        object?[] row = [Guid.NewGuid(), episode, Guid.NewGuid(), "guid-" + episode, url, new EpisodeKeyNormalizer().Normalize(url), durationSec, 1UL];
        await db.Client.InsertAsync("episodes", columns, [row]);
    }
}
