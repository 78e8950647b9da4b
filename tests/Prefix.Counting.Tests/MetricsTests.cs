using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

public class MetricsTests
{
    private static Download D(string listener, string time, bool suspect = false) => new()
    {
        EpisodeKey = Episode,
        ListenerKey = listener,
        HouseholdKey = "h",
        WindowStart = At(time),
        QualifiedAt = At(time),
        FirstHitAt = At(time),
        Suspect = suspect,
    };

    private static readonly Download[] s_month =
    [
        D("a", "2026-11-01T10:00:00Z"),
        D("a", "2026-11-02T10:00:00Z"),
        D("a", "2026-11-03T10:00:00Z"),
        D("b", "2026-11-02T11:00:00Z"),
        D("c", "2026-11-30T23:59:59.999Z"),
        D("d", "2026-12-01T00:00:00Z"),
        D("e", "2026-11-15T00:00:00Z", suspect: true),
    ];

    [Fact]
    public void Listeners_Month_DistinctNotSumOfDays()
    {
        var start = At("2026-11-01T00:00:00Z");
        var end = At("2026-12-01T00:00:00Z");
        long dailySum = 0;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            dailySum += Metrics.Listeners(s_month, day, day.AddDays(1));
        }

        Assert.Equal(3, Metrics.Listeners(s_month, start, end)); // a, b, c
        Assert.Equal(5, dailySum); // the wrong answer a month must never report
        Assert.Equal(5, Metrics.Downloads(s_month, start, end));
    }

    [Fact]
    public void Downloads_PeriodIsHalfOpen_EndExcluded()
    {
        Assert.Equal(1, Metrics.Downloads(s_month, At("2026-11-30T00:00:00Z"), At("2026-12-01T00:00:00Z")));
        Assert.Equal(1, Metrics.Downloads(s_month, At("2026-12-01T00:00:00Z"), At("2026-12-02T00:00:00Z")));
    }

    [Fact]
    public void Downloads_SuspectInPeriod_NotCounted()
    {
        Assert.Equal(0, Metrics.Downloads(s_month, At("2026-11-15T00:00:00Z"), At("2026-11-16T00:00:00Z")));
        Assert.Equal(0, Metrics.Listeners(s_month, At("2026-11-15T00:00:00Z"), At("2026-11-16T00:00:00Z")));
    }
}
