using System.Text.Json;
using Attribution.Api.Listens;
using Prefix.Core.Episodes;
using Prefix.Core.Identities;

namespace Attribution.Api.Tests.Listens;

public sealed class ListenBatchParserTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly ListenBatchParser Parser = new(new ListenOptions { MaxEventsPerBatch = 3 }, new EpisodeKeyNormalizer());

    [Theory]
    [InlineData("""{"deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "missing_event_id")]
    [InlineData("""{"eventId":"e","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "missing_device_id")]
    [InlineData("""{"eventId":"e","deviceId":"","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "missing_device_id")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z"}""", "missing_episode")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"nope"}""", "bad_episode_id")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeGuid":"ep-1"}""", "bad_podcast_guid")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","enclosureUrl":"/no/host.mp3"}""", "bad_enclosure_url")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"rewind","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "unknown_type")]
    [InlineData("""{"eventId":"e","deviceId":"d","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "unknown_type")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":-1,"clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_position")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":"NaN","clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_position")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","clientTime":"2026-11-22T07:00:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_position")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"yesterday","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_client_time")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":1795000000,"episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_client_time")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T07:00:00Z","offline":"yes","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "bad_offline")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-10-22T07:59:59Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "too_late")]
    [InlineData("""{"eventId":"e","deviceId":"d","type":"play","positionSec":1,"clientTime":"2026-11-22T08:10:00Z","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10"}""", "in_future")]
    [InlineData("""[1]""", "not_an_object")]
    public void Parse_BadEvent_RejectedWithReason(string item, string reason)
    {
        var batch = Parse($$"""{"sentAt":"2026-11-22T08:00:00Z","events":[{{item}}]}""");

        Assert.Null(batch.Error);
        Assert.Empty(batch.Accepted);
        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(0, rejection.Index);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
    }

    [Theory]
    [InlineData("[]", 400, "JSON object")]
    [InlineData("""{"events":[]}""", 400, "sentAt")]
    [InlineData("""{"sentAt":"now","events":[]}""", 400, "sentAt")]
    [InlineData("""{"sentAt":"2026-11-22T08:00:00Z"}""", 400, "events must be an array")]
    [InlineData("""{"sentAt":"2026-11-22T08:00:00Z","events":[{},{},{},{}]}""", 413, "at most 3 events")]
    public void Parse_BadBatch_ErrorWithStatus(string body, int status, string expected)
    {
        var batch = Parse(body);

        Assert.Equal(status, batch.StatusCode);
        Assert.Contains(expected, batch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClientClockTwoHoursSlow_TimesCorrectedBySkew()
    {
        // The client believes it is 06:00 when the server receives at 08:00; an offline event at 05:30 client time
        // happened at 07:30 server time.
        var batch = Parse("""{"sentAt":"2026-11-22T06:00:00Z","events":[{"eventId":"e1","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"pause","positionSec":12.5,"clientTime":"2026-11-22T05:30:00Z","offline":true}]}""");

        var record = Assert.Single(batch.Accepted);
        Assert.Equal(2 * 3_600_000, batch.SkewMs);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.CorrectedMs);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.ClientMs);
        Assert.True(record.Offline);
        Assert.Equal(ListenEventType.Pause, record.Type);
        Assert.Equal(12.5, record.PositionSec);
    }

    [Fact]
    public void Parse_LateWindowAppliesAfterSkewCorrection()
    {
        // 40 days behind by the client's clock, but the clock itself is 20 days slow: the event is 20 days old.
        var batch = Parse("""{"sentAt":"2026-11-02T08:00:00Z","events":[{"eventId":"e1","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"play","positionSec":0,"clientTime":"2026-10-13T08:00:00Z"}]}""");

        Assert.Single(batch.Accepted);
        Assert.Empty(batch.Rejections);
    }

    [Fact]
    public void Parse_EpisodeGuidAndPodcastGuid_EpisodeIdAsTheFeedUpdaterComputesIt()
    {
        var show = Guid.Parse("917393e3-1b1e-5cef-ace4-edaa54e1f810");
        var batch = Parse($$"""{"sentAt":"2026-11-22T08:00:00Z","events":[{"eventId":"e1","deviceId":"d","episodeGuid":" item-7 ","podcastGuid":"{{show}}","type":"play","positionSec":0,"clientTime":"2026-11-22T07:59:00Z"}]}""");

        var record = Assert.Single(batch.Accepted);
        Assert.Equal(PodcastIdentity.EpisodeId(show, "item-7", string.Empty), record.EpisodeId);
        Assert.Equal(string.Empty, record.EpisodeKey);
    }

    [Fact]
    public void Parse_EnclosureUrl_NormalizedKeyAndNoIdYet()
    {
        var batch = Parse("""{"sentAt":"2026-11-22T08:00:00Z","events":[{"eventId":"e1","deviceId":"d","enclosureUrl":"https://CDN.example.com:443/show/ep1.mp3","type":"play","positionSec":0,"clientTime":"2026-11-22T07:59:00Z"}]}""");

        var record = Assert.Single(batch.Accepted);
        Assert.Equal(Guid.Empty, record.EpisodeId);
        Assert.Equal(new EpisodeKeyNormalizer().Normalize("https://CDN.example.com:443/show/ep1.mp3"), record.EpisodeKey);
        Assert.StartsWith("cdn.example.com/show/ep1.mp3", record.EpisodeKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameContentNewEventId_SameContentHash()
    {
        var batch = Parse("""
            {"sentAt":"2026-11-22T08:00:00Z","events":[
              {"eventId":"e1","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"play","positionSec":3,"clientTime":"2026-11-22T07:59:00Z"},
              {"eventId":"e2","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"play","positionSec":3,"clientTime":"2026-11-22T07:59:00Z"},
              {"eventId":"e3","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"play","positionSec":4,"clientTime":"2026-11-22T07:59:00Z"}]}
            """);

        Assert.Equal(3, batch.Accepted.Count);
        Assert.Equal(batch.Accepted[0].ContentHash, batch.Accepted[1].ContentHash);
        Assert.NotEqual(batch.Accepted[0].ContentHash, batch.Accepted[2].ContentHash);
    }

    [Fact]
    public void Parse_MixedBatch_GoodStoredBadReportedByIndex()
    {
        var batch = Parse("""
            {"sentAt":"2026-11-22T08:00:00Z","events":[
              {"eventId":"e1","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"play","positionSec":3,"clientTime":"2026-11-22T07:59:00Z"},
              {"eventId":"e2","deviceId":"d","episodeId":"6f1f2a57-6f2e-4b8e-9f55-6a1d7c1b2a10","type":"jump","positionSec":3,"clientTime":"2026-11-22T07:59:00Z"}]}
            """);

        Assert.Equal("e1", Assert.Single(batch.Accepted).EventId);
        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal((1, "e2", "unknown_type"), (rejection.Index, rejection.EventId, rejection.Reason));
        Assert.Contains("\"jump\"", rejection.Detail, StringComparison.Ordinal);
    }

    private static ListenBatch Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parser.Parse(document.RootElement, Received);
    }
}
