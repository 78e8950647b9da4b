using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

/// <summary>The known answers of COUNTING.md "Examples".</summary>
public class CountingEngineExampleTests
{
    [Fact]
    public void Count_TenGetsFromSixAgentsBehindOneIp_SixDownloadsSixListeners()
    {
        // One IP, one UTC day: the listener key is (IP*, UA), so each agent is its own listener.
        var hits = new List<CountingHit>();
        for (var i = 0; i < 10; i++)
        {
            var agent = $"PodcastApp/{i % 6}.0";
            hits.Add(Get(Day.AddHours(8 + i), listener: "203.0.113.7|" + agent, household: "203.0.113.7", agent: agent));
        }

        var result = CountingEngine.Count(hits, Facts(Standard), new CountingRules());

        Assert.Equal(6, result.Downloads.Count);
        Assert.Equal(6, Metrics.Downloads(result.Downloads, Day, Day.AddDays(1)));
        Assert.Equal(6, Metrics.Listeners(result.Downloads, Day, Day.AddDays(1)));
    }

    [Theory]
    [InlineData(CountingMode.Prefix)]
    [InlineData(CountingMode.Strict)]
    public void Count_ProbeThenFull_OneDownloadNotProbe(CountingMode mode)
    {
        var result = Count(Standard, mode, Get(Day.AddHours(10), "bytes=0-1"), Get(Day.AddHours(10).AddSeconds(1), "bytes=0-"));

        var download = Assert.Single(result.Downloads);
        Assert.False(download.Probe);
        Assert.Equal(Day.AddHours(10).AddSeconds(1), download.QualifiedAt);
        // Strict drops the probe in stage 1, so the window's first eligible hit is the full request.
        Assert.Equal(mode == CountingMode.Prefix ? Day.AddHours(10) : Day.AddHours(10).AddSeconds(1), download.FirstHitAt);
        Assert.Equal(4_000_000L, download.Bytes);
    }

    [Fact]
    public void Count_ProbeAloneStrict_NoDownloadProbeRejected()
    {
        var result = Count(Standard, CountingMode.Strict, Get(Day.AddHours(10), "bytes=0-1"));

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.Rejections[RejectionReasons.Probe]);
    }

    [Fact]
    public void Count_ProbeAlonePrefix_OneDownloadTaggedProbe()
    {
        var result = Count(Standard, CountingMode.Prefix, Get(Day.AddHours(10), "bytes=0-1"));

        var download = Assert.Single(result.Downloads);
        Assert.True(download.Probe);
        Assert.Equal(Day.AddHours(10), download.QualifiedAt);
        Assert.Equal(0L, download.Bytes);
    }

    [Theory]
    [InlineData(CountingMode.Prefix)]
    [InlineData(CountingMode.Strict)]
    public void Count_OverlappingRangesBelowThreshold_UnionNotSumNotQualified(CountingMode mode)
    {
        Assert.Equal(240_000L, Threshold.Bytes(Standard));

        var result = Count(Standard, mode, Get(Day.AddHours(10), "bytes=0-149999"), Get(Day.AddHours(10).AddSeconds(5), "bytes=100000-199999"));

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.UnqualifiedWindows);
        Assert.Equal(2, result.EligibleHits);
    }

    [Fact]
    public void Count_OverlappingRangesInOneHeader_UnionNotSumNotQualified()
    {
        var result = Count(Standard, CountingMode.Prefix, Get(Day.AddHours(10), "bytes=0-149999,100000-199999"));

        Assert.Empty(result.Downloads);
    }

    [Theory]
    [InlineData(CountingWindow.Calendar, 2)]
    [InlineData(CountingWindow.RollingFirst, 1)]
    [InlineData(CountingWindow.RollingLast, 1)]
    public void Count_At2100And0200NextDay_CalendarTwoRollingOne(CountingWindow window, int downloads)
    {
        var result = Count(Standard, window, Get(Day.AddHours(21)), Get(Day.AddDays(1).AddHours(2)));

        Assert.Equal(downloads, result.Downloads.Count);
        Assert.Equal(CountingNames.Of(window), result.WindowName);
    }
}
