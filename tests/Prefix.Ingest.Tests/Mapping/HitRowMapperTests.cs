using System.Text;
using System.Text.Json.Nodes;
using Prefix.Core.Episodes;
using Prefix.Core.Hits;

namespace Prefix.Ingest.Tests.Mapping;

/// <summary>One stream entry's JSON → one <c>hits</c> row, with the real User-Agent data; no I/O beyond loading it.</summary>
[Collection(ClassifierGroup.Name)]
public sealed class HitRowMapperTests(ClassifierFixture classifier)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 8, 30, 0, TimeSpan.Zero);
    private readonly HitRowMapper _mapper = new(classifier.Classifier, new EpisodeKeyNormalizer(["pfx.example.net"]), new FixedTimeProvider(Now));

    [Fact]
    public void Map_EdgeHit_FillsEveryColumnInOrder()
    {
        var id = Guid.CreateVersion7();
        var hit = new HitRecord
        {
            Id = id,
            TimestampMs = TestHits.BaseTimestampMs,
            Method = "GET",
            RequestUrl = $"https://pfx.example.net/e,pg={TestHits.PodcastGuid}/cdn.example.com/show/ep1.mp3?utm_source=x",
            TargetUrl = "https://CDN.Example.com:443/show/ep1.mp3?v=2&utm_source=x&_from=app&fbclid=1",
            PrefixArguments = $"pg={TestHits.PodcastGuid}",
            UserAgent = "Spotify/8.6.98 Android/31 (SM-G991B)",
            Referer = "https://example.org/",
            Range = "bytes=0-",
            PlaybackSessionId = "5C1A9F8E-0000-4000-8000-000000000001",
            ListenerKey = "lk",
            HouseholdKey = "hk",
            KeyId = 7,
            Country = "DE",
            Subdivision = "BE",
            City = "Berlin",
            TimeZone = "Europe/Berlin",
            Asn = 3320,
            AsOrganization = "Deutsche Telekom AG",
        };

        var row = Map(hit);

        Assert.Equal(HitRows.Columns.Length, row.Length);
        Assert.Equal(id, Column(row, "hit_id"));
        Assert.Equal(new DateTime(2026, 11, 2, 22, 0, 0, 123, DateTimeKind.Utc), Column(row, "ts"));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)Column(row, "ts")!).Kind);
        Assert.Equal((ulong)TestHits.BaseTimestampMs, Column(row, "ts_ms"));
        Assert.Equal("GET", Column(row, "method"));
        Assert.Equal(hit.RequestUrl, Column(row, "request_url"));
        Assert.Equal(hit.TargetUrl, Column(row, "target_url"));
        Assert.Equal("cdn.example.com/show/ep1.mp3?v=2", Column(row, "episode_key"));
        Assert.Equal(hit.PrefixArguments, Column(row, "prefix_args"));
        Assert.Equal(TestHits.PodcastGuid, Column(row, "podcast_guid"));
        Assert.Equal(hit.UserAgent, Column(row, "user_agent"));
        Assert.Equal("https://example.org/", Column(row, "referer"));
        Assert.Equal("bytes=0-", Column(row, "range"));
        Assert.Equal(hit.PlaybackSessionId, Column(row, "playback_session_id"));
        Assert.Equal("lk", Column(row, "listener_key"));
        Assert.Equal("hk", Column(row, "household_key"));
        Assert.Equal((ushort)7, Column(row, "key_id"));
        Assert.Equal("DE", Column(row, "country"));
        Assert.Equal("BE", Column(row, "subdivision"));
        Assert.Equal("Berlin", Column(row, "city"));
        Assert.Equal("Europe/Berlin", Column(row, "timezone"));
        Assert.Equal(3320u, Column(row, "asn"));
        Assert.Equal("Deutsche Telekom AG", Column(row, "as_org"));
        Assert.Equal("Spotify", Column(row, "app"));
        Assert.Equal("phone", Column(row, "device"));
        Assert.Equal("Android", Column(row, "os"));
        Assert.Equal((byte)0, Column(row, "is_bot"));
        Assert.Equal(string.Empty, Column(row, "bot_reason"));
        Assert.Equal((byte)0, Column(row, "is_apple_watch"));
        Assert.Equal((ushort)0, Column(row, "status"));
        Assert.Equal(-1L, Column(row, "bytes_served"));
        Assert.Equal("edge", Column(row, "source"));
        Assert.Equal(Now.UtcDateTime, Column(row, "ingested_at"));
    }

    [Theory]
    [InlineData("https://cdn.example.com/ep1.mp3?v=2&utm_source=x&_from=app&fbclid=1", "cdn.example.com/ep1.mp3?v=2")]
    [InlineData("http://CDN.Example.COM:80/Show/Ep1.mp3", "cdn.example.com/Show/Ep1.mp3")]
    [InlineData("https://dts.podtrac.com/redirect.mp3/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://www.podtrac.com/pts/redirect.mp3/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://op3.dev/e,pg=6a08eaa9-0d92-55eb-8198-9c13d37c83f2/cdn.example.com/ep1.mp3", "cdn.example.com/ep1.mp3")]
    [InlineData("https://pfx.example.net/e/dts.podtrac.com/redirect.mp3/chrt.fm/track/X1/op3.dev/e/cdn.example.com/ep1.mp3?_from=y", "cdn.example.com/ep1.mp3")]
    [InlineData("https://prfx.byspotify.com/e/https://cdn.example.com/ep1.mp3?utm_medium=a", "cdn.example.com/ep1.mp3")]
    public void Map_TargetUrl_GivesNormalizedEpisodeKey(string target, string episodeKey)
    {
        var row = Map(TestHits.Create(0) with { TargetUrl = target });

        Assert.Equal(episodeKey, Column(row, "episode_key"));
        Assert.Equal(target, Column(row, "target_url"));
    }

    [Theory]
    [InlineData("pg=6a08eaa9-0d92-55eb-8198-9c13d37c83f2", "6a08eaa9-0d92-55eb-8198-9c13d37c83f2")]
    [InlineData("x=1,PG=6A08EAA9-0D92-55EB-8198-9C13D37C83F2", "6a08eaa9-0d92-55eb-8198-9c13d37c83f2")]
    [InlineData("pg%3D6a08eaa9-0d92-55eb-8198-9c13d37c83f2", "6a08eaa9-0d92-55eb-8198-9c13d37c83f2")]
    [InlineData("pg=not-a-guid", "")]
    [InlineData("pg=00000000-0000-0000-0000-000000000000", "")]
    [InlineData("podcast=6a08eaa9-0d92-55eb-8198-9c13d37c83f2", "")]
    [InlineData("", "")]
    public void Map_PrefixArguments_GivesPodcastGuidOnlyForAUuid(string arguments, string podcastGuid)
    {
        var row = Map(TestHits.Create(0) with { PrefixArguments = arguments });

        Assert.Equal(podcastGuid, Column(row, "podcast_guid"));
        Assert.Equal(arguments, Column(row, "prefix_args"));
    }

    [Theory]
    [InlineData("AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)", "Apple Podcasts", "phone", "iOS", 0, "")]
    [InlineData("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Overcast", "unknown", "iOS", 0, "")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Chrome", "computer", "Windows", 0, "")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "", "server", "", 1, "bot_ua")]
    [InlineData("curl/8.5.0", "curl", "server", "", 1, "bot_lib")]
    [InlineData("", "", "unknown", "", 1, "no_ua")]
    public void Map_UserAgent_GivesAppDeviceOsAndBotColumns(string userAgent, string app, string device, string os, byte isBot, string botReason)
    {
        var row = Map(TestHits.Create(0) with { UserAgent = userAgent });

        Assert.Equal(app, Column(row, "app"));
        Assert.Equal(device, Column(row, "device"));
        Assert.Equal(os, Column(row, "os"));
        Assert.Equal(isBot, Column(row, "is_bot"));
        Assert.Equal(botReason, Column(row, "bot_reason"));
        Assert.Equal((byte)0, Column(row, "is_apple_watch"));
    }

    [Theory]
    [InlineData("atc/1.0 watchOS/7.3 model/Watch5,4 hwp/t8006 build/18S178 (6; dt:203)")]
    [InlineData("(null)/(null) watchOS/5.1.2 model/Watch3,2 hwp/t8004 build/16R600 (6; dt:156)")]
    public void Map_AppleWatchAgent_FlagsAppleWatchButNotBot(string userAgent)
    {
        var row = Map(TestHits.Create(0) with { UserAgent = userAgent });

        // Stage 1 rule 5 drops these as apple_watch at counting time; the row keeps them, flagged.
        Assert.Equal((byte)1, Column(row, "is_apple_watch"));
        Assert.Equal((byte)0, Column(row, "is_bot"));
        Assert.Equal("Apple Podcasts", Column(row, "app"));
    }

    [Fact]
    public void Map_ImportedHit_KeepsStatusBytesAndSource()
    {
        var row = Map(TestHits.Create(0) with { Status = 206, BytesServed = 1_234_567, Source = "import", ListenerKey = string.Empty });

        Assert.Equal((ushort)206, Column(row, "status"));
        Assert.Equal(1_234_567L, Column(row, "bytes_served"));
        Assert.Equal("import", Column(row, "source"));
    }

    /// <summary>
    /// The edge writes every field, but a producer of another version may not. The optional string fields become
    /// their defaults instead of nulls that crashed the worker. (A missing <c>by</c> reads as 0, not -1: the
    /// source-generated reader does not keep initializers of init-only members, which the mapper cannot undo.)
    /// </summary>
    [Fact]
    public void Map_MinimalDocument_DefaultsTheOptionalFields()
    {
        var json = """{"id":"0196a5f0-8a3e-7c3d-9b4a-2f1e0d9c8b7a","ts":1793656800999,"m":"HEAD","u":"https://pfx.example.net/e/cdn.example.com/a.mp3","t":"https://cdn.example.com/a.mp3"}""";

        var row = _mapper.Map(Encoding.UTF8.GetBytes(json));

        Assert.Equal(Guid.Parse("0196a5f0-8a3e-7c3d-9b4a-2f1e0d9c8b7a"), Column(row, "hit_id"));
        Assert.Equal(new DateTime(2026, 11, 2, 22, 0, 0, 999, DateTimeKind.Utc), Column(row, "ts"));
        Assert.Equal("HEAD", Column(row, "method"));
        Assert.Equal("cdn.example.com/a.mp3", Column(row, "episode_key"));
        Assert.Equal(string.Empty, Column(row, "podcast_guid"));
        Assert.Equal("no_ua", Column(row, "bot_reason"));
        Assert.Equal("edge", Column(row, "source"));
        foreach (var column in (string[])["prefix_args", "user_agent", "referer", "range", "playback_session_id", "listener_key", "household_key", "country", "subdivision", "city", "timezone", "as_org"])
        {
            Assert.Equal(string.Empty, Column(row, column));
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"id\":")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    public void Map_MalformedJson_ThrowsPoison(string json)
    {
        var error = Assert.Throws<PoisonHitException>(() => _mapper.Map(Encoding.UTF8.GetBytes(json)));

        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void Map_InvalidUtf8_ThrowsPoison()
    {
        Assert.Throws<PoisonHitException>(() => _mapper.Map([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("ts")]
    [InlineData("m")]
    [InlineData("t")]
    [InlineData("u")]
    public void Map_MissingRequiredField_ThrowsPoison(string field)
    {
        var document = JsonNode.Parse(TestHits.Json(TestHits.Create(0)))!.AsObject();
        document.Remove(field);

        Assert.Throws<PoisonHitException>(() => _mapper.Map(Encoding.UTF8.GetBytes(document.ToJsonString())));
    }

    [Theory]
    [InlineData("id", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("id", "\"not-a-uuid\"")]
    [InlineData("ts", "0")]
    [InlineData("ts", "-1")]
    [InlineData("ts", "\"yesterday\"")]
    [InlineData("t", "\"\"")]
    [InlineData("t", "null")]
    [InlineData("m", "\"\"")]
    [InlineData("kid", "70000")]
    public void Map_UnusableRequiredValue_ThrowsPoison(string field, string value)
    {
        var document = JsonNode.Parse(TestHits.Json(TestHits.Create(0)))!.AsObject();
        document[field] = JsonNode.Parse(value);

        Assert.Throws<PoisonHitException>(() => _mapper.Map(Encoding.UTF8.GetBytes(document.ToJsonString())));
    }

    /// <summary>
    /// <c>hits.ts</c> is a DateTime (UInt32 seconds, up to 2106-02-07); a later time (e.g. microseconds sent as
    /// milliseconds) can never be inserted, so it must be parked rather than fail the whole batch forever.
    /// </summary>
    [Theory]
    [InlineData(4_294_967_296_000L)]
    [InlineData(1_793_656_800_123_000L)]
    [InlineData(long.MaxValue)]
    public void Map_TimestampBeyondDateTimeRange_ThrowsPoison(long timestampMs)
    {
        Assert.Throws<PoisonHitException>(() => Map(TestHits.Create(0) with { TimestampMs = timestampMs }));
    }

    [Fact]
    public void Map_LastRepresentableSecond_IsARow()
    {
        var row = Map(TestHits.Create(0) with { TimestampMs = 4_294_967_295_999L });

        Assert.Equal(DateTime.UnixEpoch.AddSeconds(uint.MaxValue).AddMilliseconds(999), Column(row, "ts"));
    }

    private object?[] Map(HitRecord hit) => _mapper.Map(TestHits.Utf8(hit));

    private static object? Column(object?[] row, string name)
    {
        var index = Array.IndexOf(HitRows.Columns, name);
        Assert.True(index >= 0, $"hits has no column {name}");
        return row[index];
    }
}
