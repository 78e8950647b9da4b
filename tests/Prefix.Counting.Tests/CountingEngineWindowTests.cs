using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

public class CountingEngineWindowTests
{
    [Fact]
    public void Count_CalendarAcrossMidnight_TwoWindowsStartingAtMidnight()
    {
        var before = At("2026-11-02T23:59:59.999Z");
        var after = At("2026-11-03T00:00:00.000Z");

        var result = Count(Standard, CountingWindow.Calendar, Get(before), Get(after));

        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(At("2026-11-02T00:00:00Z"), result.Downloads[0].WindowStart);
        Assert.Equal(At("2026-11-03T00:00:00Z"), result.Downloads[1].WindowStart);
        Assert.Equal(after, result.Downloads[1].QualifiedAt);
    }

    [Fact]
    public void Count_CalendarFirstAndLastMillisecondOfDay_OneWindow()
    {
        var result = Count(Standard, CountingWindow.Calendar, Get(At("2026-11-02T00:00:00.000Z")), Get(At("2026-11-02T23:59:59.999Z")));

        Assert.Single(result.Downloads);
    }

    [Fact]
    public void Count_CalendarNonUtcOffset_UsesUtcDay()
    {
        // 01:30 at +02:00 is 23:30 UTC the day before.
        var result = Count(Standard, CountingWindow.Calendar, Get(At("2026-11-03T01:30:00+02:00")), Get(At("2026-11-02T10:00:00Z")));

        Assert.Single(result.Downloads);
        Assert.Equal(TimeSpan.Zero, result.Downloads[0].QualifiedAt.Offset);
    }

    [Theory]
    [InlineData(CountingWindow.RollingFirst)]
    [InlineData(CountingWindow.RollingLast)]
    public void Count_RollingExactlyPlus24Hours_NewWindow(CountingWindow window)
    {
        var first = At("2026-11-02T21:00:00Z");

        var result = Count(Standard, window, Get(first), Get(first.AddHours(24)));

        Assert.Equal(2, result.Downloads.Count);
        Assert.Equal(first, result.Downloads[0].WindowStart);
        Assert.Equal(first.AddHours(24), result.Downloads[1].WindowStart);
    }

    [Theory]
    [InlineData(CountingWindow.RollingFirst)]
    [InlineData(CountingWindow.RollingLast)]
    public void Count_RollingOneMillisecondBefore24Hours_SameWindow(CountingWindow window)
    {
        var first = At("2026-11-02T21:00:00Z");

        var result = Count(Standard, window, Get(first), Get(first.AddHours(24).AddMilliseconds(-1)));

        Assert.Single(result.Downloads);
    }

    [Theory]
    [InlineData(CountingWindow.RollingFirst, 2)]
    [InlineData(CountingWindow.RollingLast, 1)]
    [InlineData(CountingWindow.Calendar, 2)] // Nov 2 01:00 + 21:00, Nov 3 17:00
    public void Count_HitsAt0And20And40Hours_RollingLastExtends(CountingWindow window, int downloads)
    {
        // Rolling-first: [0 h, 24 h) then [40 h, 64 h). Rolling-last: 20 h extends to 44 h, so 40 h is inside.
        var first = At("2026-11-02T01:00:00Z");

        var result = Count(Standard, window, Get(first), Get(first.AddHours(20)), Get(first.AddHours(40)));

        Assert.Equal(downloads, result.Downloads.Count);
    }

    [Fact]
    public void Count_RollingLastChainOfHits_OneWindowOverDays()
    {
        var first = At("2026-11-02T01:00:00Z");
        var hits = Enumerable.Range(0, 6).Select(i => Get(first.AddHours(23 * i))).ToArray();

        var result = Count(Standard, CountingWindow.RollingLast, hits);

        var download = Assert.Single(result.Downloads);
        Assert.Equal(first, download.WindowStart);
    }

    [Fact]
    public void Count_RollingFirstRejectedHitBefore_WindowOpensAtFirstEligibleHit()
    {
        var head = Get(At("2026-11-02T01:00:00Z")) with { Method = "HEAD" };
        var first = At("2026-11-02T05:00:00Z");

        var result = Count(Standard, CountingWindow.RollingFirst, head, Get(first, "bytes=0-99999"), Get(first.AddHours(23), "bytes=100000-239999"));

        var download = Assert.Single(result.Downloads);
        Assert.Equal(first, download.WindowStart);
        Assert.Equal(first, download.FirstHitAt);
        Assert.Equal(first.AddHours(23), download.QualifiedAt);
        Assert.Equal(1, result.Rejections[RejectionReasons.NonGet]);
    }

    [Theory]
    [InlineData(CountingWindow.Calendar, 0)]
    [InlineData(CountingWindow.RollingFirst, 1)]
    public void Count_PartialRangesEitherSideOfMidnight_UnionPerWindow(CountingWindow window, int downloads)
    {
        // Each half alone is below T = 240,000; only a window holding both reaches it.
        var result = Count(Standard, window, Get(At("2026-11-02T23:00:00Z"), "bytes=0-149999"), Get(At("2026-11-03T00:30:00Z"), "bytes=150000-239999"));

        Assert.Equal(downloads, result.Downloads.Count);
    }

    [Fact]
    public void Count_ManyHitsOneWindow_OneDownloadAtQualifyingHit()
    {
        var hits = new[]
        {
            Get(Day.AddHours(9), "bytes=0-1"),
            Get(Day.AddHours(9).AddSeconds(1), "bytes=0-65535"),
            Get(Day.AddHours(9).AddSeconds(2), "bytes=65536-239999"),
            Get(Day.AddHours(9).AddSeconds(3), "bytes=240000-999999"),
            Get(Day.AddHours(12)),
        };

        var result = Count(Standard, CountingMode.Prefix, hits);

        var download = Assert.Single(result.Downloads);
        Assert.Equal(Day.AddHours(9).AddSeconds(2), download.QualifiedAt);
        Assert.Equal(Day.AddHours(9), download.FirstHitAt);
        Assert.False(download.Probe);
        Assert.Equal(4_000_000L, download.Bytes);
    }
}
