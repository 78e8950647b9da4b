using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

/// <summary>The excessive-IP guard (COUNTING.md stage 3).</summary>
public class CountingEngineGuardTests
{
    private static readonly DateTimeOffset s_t = At("2026-11-02T08:00:00Z");

    private static List<CountingHit> Busy(string household, int listeners, DateTimeOffset start) =>
        Enumerable.Range(0, listeners)
            .Select(i => Get(start.AddSeconds(i), listener: $"{household}-listener-{i}", household: household, agent: $"App/{i}"))
            .ToList();

    [Fact]
    public void Count_CeilingPlusOneDownloadsBehindOneIp_AllSuspect()
    {
        var hits = Busy("busy", CountingRules.DefaultExcessiveIpCeiling + 1, s_t);
        hits.Add(Get(s_t, listener: "quiet-listener", household: "quiet"));

        var result = CountingEngine.Count(hits, Facts(Standard), new CountingRules());

        Assert.Equal(CountingRules.DefaultExcessiveIpCeiling + 1, result.Suspect);
        Assert.All(result.SuspectDownloads, d => Assert.True(d.Suspect));
        Assert.All(result.SuspectDownloads, d => Assert.Equal("busy", d.HouseholdKey));
        var counted = Assert.Single(result.Downloads);
        Assert.Equal("quiet", counted.HouseholdKey);
        Assert.Equal(1, Metrics.Downloads(result.Downloads.Concat(result.SuspectDownloads), Day, Day.AddDays(1)));
    }

    [Fact]
    public void Count_ExactlyCeilingDownloads_NoneSuspect()
    {
        var result = CountingEngine.Count(Busy("busy", CountingRules.DefaultExcessiveIpCeiling, s_t), Facts(Standard), new CountingRules());

        Assert.Equal(CountingRules.DefaultExcessiveIpCeiling, result.Downloads.Count);
        Assert.Equal(0, result.Suspect);
    }

    [Fact]
    public void Count_DistinctEpisodesOneListenerAboveCeiling_AllSuspect()
    {
        var hits = Enumerable.Range(0, 4).Select(i => Get(s_t.AddMinutes(i), episode: $"https://host.example/ep{i}.mp3")).ToArray();

        var result = CountingEngine.Count(hits, Facts(Standard), new CountingRules { ExcessiveIpCeiling = 3 });

        Assert.Empty(result.Downloads);
        Assert.Equal(4, result.Suspect);
    }

    [Fact]
    public void Count_SafeListedHousehold_NotSuspect()
    {
        var rules = new CountingRules { SafeHouseholds = new HashSet<string> { "campus" } };

        var result = CountingEngine.Count(Busy("campus", 60, s_t), Facts(Standard), rules);

        Assert.Equal(60, result.Downloads.Count);
        Assert.Equal(0, result.Suspect);
    }

    [Fact]
    public void Count_CalendarBusySplitOverTwoDays_NotSuspect()
    {
        var hits = Busy("busy", 3, At("2026-11-02T23:59:00Z")).Concat(Busy("busy", 3, At("2026-11-03T00:00:00Z"))).ToArray();

        var result = CountingEngine.Count(hits, Facts(Standard), new CountingRules { ExcessiveIpCeiling = 3 });

        // Each UTC day has 3 downloads (the listener keys repeat, but in different windows).
        Assert.Equal(6, result.Downloads.Count);
        Assert.Equal(0, result.Suspect);
    }

    [Fact]
    public void Count_RollingFirstBusyAcrossMidnight_OnlyTheBusyWindowSuspect()
    {
        var late = Busy("busy", 2, At("2026-11-02T23:00:00Z"));
        var early = Enumerable.Range(0, 2).Select(i => Get(At("2026-11-03T01:00:00Z").AddSeconds(i), listener: $"x{i}", household: "busy")).ToList();
        var nextDay = Get(At("2026-11-03T23:30:00Z"), listener: "y", household: "busy");
        var hits = late.Concat(early).Append(nextDay).ToArray();

        var result = CountingEngine.Count(hits, Facts(Standard), new CountingRules { ExcessiveIpCeiling = 3, Window = CountingWindow.RollingFirst });

        // Household window [23:00, +24 h) holds 4 downloads > 3; 23:30 the next day opens a new one.
        Assert.Equal(4, result.Suspect);
        Assert.Equal("y", Assert.Single(result.Downloads).ListenerKey);
    }

    [Fact]
    public void Count_EmptyHouseholdKey_NotGuarded()
    {
        var result = CountingEngine.Count(Busy(string.Empty, 5, s_t), Facts(Standard), new CountingRules { ExcessiveIpCeiling = 3 });

        Assert.Equal(5, result.Downloads.Count);
    }
}
