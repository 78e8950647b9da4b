using System.Net;
using Prefix.Core.Privacy;
using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

/// <summary>Stage 1 drops through the engine, and listener identity.</summary>
public class CountingEngineFilterTests
{
    private static readonly DateTimeOffset s_t = At("2026-11-02T10:00:00Z");

    [Fact]
    public void Count_AppleWatchHits_DroppedNotCounted()
    {
        var watch = Get(s_t, agent: "atc/1.0 watchOS/10.1 model/Watch6,1 hwp/t8301 build/21S71 (6; dt:280)");
        var flagged = Get(s_t.AddSeconds(1), listener: "listener-2") with { IsAppleWatch = true };

        var result = Count(Standard, CountingMode.Prefix, watch, flagged);

        Assert.Empty(result.Downloads);
        Assert.Equal(2, result.Rejections[RejectionReasons.AppleWatch]);
    }

    [Theory]
    [InlineData("HEAD", 0, "non_get")]
    [InlineData("GET", 304, "status")]
    [InlineData("GET", 404, "status")]
    public void Count_HeadOr304_DroppedWithReason(string method, int status, string reason)
    {
        var result = Count(Standard, CountingMode.Prefix, Get(s_t) with { Method = method, Status = status });

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.Rejections[reason]);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(206)]
    public void Count_Status200Or206_Kept(int status)
    {
        var result = Count(Standard, CountingMode.Strict, Get(s_t, "bytes=0-") with { Status = status });

        Assert.Single(result.Downloads);
    }

    [Fact]
    public void Count_BlankAgent_NoUaNotCounted()
    {
        var result = Count(Standard, CountingMode.Prefix, Get(s_t, agent: " "));

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.Rejections[RejectionReasons.NoUserAgent]);
        Assert.Equal(0, result.Bots);
    }

    [Fact]
    public void Count_BotAgents_CountedAsBotsNotDownloads()
    {
        var result = Count(Standard, CountingMode.Prefix,
            Get(s_t, listener: "a", agent: "Googlebot/2.1") with { IsBot = true, BotReason = "bot_ua" },
            Get(s_t, listener: "b", agent: "curl/8.5.0") with { IsBot = true, BotReason = "bot_lib" },
            Get(s_t, listener: "c", agent: "python-requests/2.31") with { IsBot = true, BotReason = "bot_lib" },
            Get(s_t, listener: "d"));

        Assert.Single(result.Downloads);
        Assert.Equal(3, result.Bots);
        Assert.Equal(1, result.Rejections[RejectionReasons.BotUserAgent]);
        Assert.Equal(2, result.Rejections[RejectionReasons.BotLibrary]);
        Assert.Empty(result.SuspectDownloads);
    }

    [Fact]
    public void Count_DatacenterBrowser_DcIp()
    {
        var result = Count(Standard, CountingMode.Prefix, Get(s_t, agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0") with { IsDatacenter = true, Asn = 16509 });

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.Rejections[RejectionReasons.DatacenterIp]);
    }

    [Fact]
    public void Count_SameListenerTwoEpisodes_TwoDownloadsOneListener()
    {
        var result = Count(Standard, CountingMode.Prefix, Get(s_t), Get(s_t, episode: "https://host.example/show/ep2.mp3"));

        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(1, Metrics.Listeners(result.Downloads, Day, Day.AddDays(1)));
    }

    [Fact]
    public void Count_TwoAddressesInOneIpv6Slash64SameAgent_OneListener()
    {
        // The /64 cut happens upstream (ListenerKeyHasher, as the edge and the import use it); the engine
        // treats equal keys as one listener. Here the real hasher makes the keys.
        var hasher = new ListenerKeyHasher(1, "0123456789abcdef0123456789abcdef"u8);
        CountingHit Make(string ip, DateTimeOffset time, string range) =>
            Get(time, range, hasher.ListenerKey(IPAddress.Parse(ip), Agent), hasher.HouseholdKey(IPAddress.Parse(ip)));

        var a = Make("2001:db8:1:2:aaaa:bbbb:cccc:1", s_t, "bytes=0-119999");
        var b = Make("2001:db8:1:2:1111:2222:3333:4444", s_t.AddMinutes(1), "bytes=120000-239999");
        var other = Make("2001:db8:1:3::1", s_t.AddMinutes(2), "bytes=0-");

        var result = Count(Standard, CountingMode.Strict, a, b, other);

        Assert.Equal(a.ListenerKey, b.ListenerKey);
        Assert.NotEqual(a.ListenerKey, other.ListenerKey);
        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(2, Metrics.Listeners(result.Downloads, Day, Day.AddDays(1)));
        var merged = Assert.Single(result.Downloads, d => d.ListenerKey == a.ListenerKey);
        Assert.Equal(s_t.AddMinutes(1), merged.QualifiedAt);
    }
}
