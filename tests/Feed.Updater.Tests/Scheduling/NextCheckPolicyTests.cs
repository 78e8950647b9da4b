using Feed.Updater.Scheduling;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Tests.Scheduling;

public sealed class NextCheckPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 15 * 60, "tier:14d")]
    [InlineData(14 * 24, 15 * 60, "tier:14d")]
    [InlineData((14 * 24) + 1, 3600, "tier:90d")]
    [InlineData(90 * 24, 3600, "tier:90d")]
    [InlineData((90 * 24) + 1, 6 * 3600, "tier:1y")]
    [InlineData(365 * 24, 6 * 3600, "tier:1y")]
    [InlineData((365 * 24) + 1, 24 * 3600, "tier:old")]
    [InlineData(-48, 15 * 60, "tier:14d")]
    public void Decide_EpisodeAge_PicksTierAtBoundaries(int ageHours, int expectedSeconds, string reason)
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now.AddHours(-ageHours) });

        Assert.Equal(reason, decision.Reason);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_NoEpisodeDate_OldestTier()
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now });

        Assert.Equal("tier:old", decision.Reason);
        Assert.Equal(TimeSpan.FromHours(24), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_TierOutsideMinMax_IsClamped()
    {
        var options = new SchedulingOptions { ActiveInterval = TimeSpan.FromMinutes(1), IdleInterval = TimeSpan.FromDays(3) };

        Assert.Equal(TimeSpan.FromMinutes(5), Policy(options).Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now }).NextCheckAt - Now);
        Assert.Equal(TimeSpan.FromHours(24), Policy(options).Decide(new NextCheckInput { Now = Now }).NextCheckAt - Now);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)]
    [InlineData(50, 1440)]
    public void Decide_ConsecutiveErrors_DoublesUpToCap(int errors, int expectedMinutes)
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, ConsecutiveErrors = errors });

        Assert.Equal("backoff:" + errors, decision.Reason);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_ErrorsOnIdleFeed_CapNeverShortensTheTier()
    {
        var options = new SchedulingOptions { MaxErrorBackoff = TimeSpan.FromHours(2) };

        var decision = Policy(options).Decide(new NextCheckInput { Now = Now, ConsecutiveErrors = 3 });

        Assert.Equal(TimeSpan.FromHours(24), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_ServerCacheHintLongerThanTier_RaisesInterval()
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, ServerCacheHint = TimeSpan.FromHours(2) });

        Assert.Equal("server-cache", decision.Reason);
        Assert.Equal(TimeSpan.FromHours(2), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_ServerCacheHintShorterThanTier_KeepsTier()
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, ServerCacheHint = TimeSpan.FromMinutes(1) });

        Assert.Equal("tier:14d", decision.Reason);
        Assert.Equal(TimeSpan.FromMinutes(15), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_RetryAfter_RaisesIntervalAndIsCapped()
    {
        var raised = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, RetryAfter = TimeSpan.FromHours(3), ServerCacheHint = TimeSpan.FromHours(1) });
        var capped = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, RetryAfter = TimeSpan.FromDays(30) });
        var cappedCache = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, ServerCacheHint = TimeSpan.FromDays(30) });

        Assert.Equal("retry-after", raised.Reason);
        Assert.Equal(TimeSpan.FromHours(3), raised.NextCheckAt - Now);
        Assert.Equal(TimeSpan.FromHours(24), capped.NextCheckAt - Now);
        Assert.Equal(TimeSpan.FromHours(24), cappedCache.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_Dead_MonthlyCheck()
    {
        var decision = Policy().Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, ConsecutiveErrors = 40, Dead = true });

        Assert.Equal("dead", decision.Reason);
        Assert.Equal(TimeSpan.FromDays(30), decision.NextCheckAt - Now);
    }

    [Fact]
    public void Decide_Jitter_Within10To25PercentBothSignsOver1000Draws()
    {
        var policy = new NextCheckPolicy(Options.Create(new SchedulingOptions()), new Random(42));
        var below = 0;
        var above = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var offset = (policy.Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now.AddDays(-30) }).NextCheckAt - Now).TotalSeconds;
            var relative = Math.Abs(offset - 3600) / 3600;
            Assert.InRange(relative, 0.0999, 0.2501);
            if (offset < 3600)
            {
                below++;
            }
            else
            {
                above++;
            }
        }

        Assert.InRange(below, 400, 600);
        Assert.InRange(above, 400, 600);
    }

    [Fact]
    public void Decide_RetryAfterWithJitter_NeverEarlierThanTheServerAsked()
    {
        var policy = new NextCheckPolicy(Options.Create(new SchedulingOptions()), new Random(7));
        for (var i = 0; i < 200; i++)
        {
            var next = policy.Decide(new NextCheckInput { Now = Now, LatestEpisodeAt = Now, RetryAfter = TimeSpan.FromHours(2) }).NextCheckAt;
            Assert.InRange(next - Now, TimeSpan.FromHours(2.2) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(2.5) + TimeSpan.FromSeconds(1));
        }
    }

    [Theory]
    [InlineData(30, 15, true)]
    [InlineData(30, 14, true)]
    [InlineData(29, 100, false)]
    [InlineData(100, 13, false)]
    [InlineData(30, -1, true)]
    public void IsDead_ErrorsAndTimeSinceGood_BothRequired(int errors, int daysSinceGood, bool dead)
    {
        DateTimeOffset? lastGood = daysSinceGood < 0 ? null : Now.AddDays(-daysSinceGood);

        Assert.Equal(dead, Policy().IsDead(errors, lastGood, Now));
    }

    private static NextCheckPolicy Policy(SchedulingOptions? options = null) =>
        new(Options.Create(NoJitter(options ?? new SchedulingOptions())), new Random(1));

    private static SchedulingOptions NoJitter(SchedulingOptions options)
    {
        options.MinJitter = 0;
        options.MaxJitter = 0;
        return options;
    }
}
