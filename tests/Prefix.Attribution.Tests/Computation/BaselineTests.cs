using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

/// <summary>Baseline choice and the lift guard (ATTRIBUTION.md, "Baseline" and "Outputs").</summary>
public sealed class BaselineTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;
    private static readonly AttributionOptions Options = new() { BootstrapResamples = 300 };

    /// <summary>100 exposed keys, <paramref name="converted"/> of them convert a day after exposure.</summary>
    private static Scenario Exposed(Scenario s, int count = 100, int converted = 30)
    {
        for (var i = 0; i < count; i++)
        {
            s.B($"x{i}", T0.AddHours(i % 48));
            if (i < converted)
            {
                s.A($"x{i}", T0.AddHours(i % 48).AddDays(1));
            }
        }

        return s;
    }

    /// <summary>An earlier B episode aired at <paramref name="airedAt"/> with 50 listeners, <paramref name="converted"/> converting.</summary>
    private static void Earlier(Scenario s, DateTimeOffset airedAt, int converted, bool featuresA = false)
    {
        var episode = Guid.NewGuid();
        s.HostEpisodes.Add(new HostEpisode(episode, airedAt, featuresA));
        for (var j = 0; j < 50; j++)
        {
            var key = $"p{episode:N}-{j}";
            s.B(key, airedAt.AddHours(1), episode);
            if (j < converted)
            {
                s.A(key, airedAt.AddDays(2));
            }
        }
    }

    private static void Concurrent(Scenario s, int count, int converted)
    {
        for (var j = 0; j < count; j++)
        {
            s.B($"c{j}", T0.AddDays(1), s.OtherEpisodeB);
            if (j < converted)
            {
                s.A($"c{j}", T0.AddDays(2));
            }
        }
    }

    [Fact]
    public void Compute_PrePeriod_UsesFourMostRecentCleanEpisodes()
    {
        var s = Exposed(new Scenario());
        Earlier(s, T0.AddDays(-50), converted: 50);                  // its window overlaps t0: not a control
        Earlier(s, T0.AddDays(-55), converted: 50, featuresA: true); // featured A: not a control
        Earlier(s, T0.AddDays(-60), converted: 5);                   // t_i + P + W = t0 exactly: clean
        Earlier(s, T0.AddDays(-70), converted: 5);
        Earlier(s, T0.AddDays(-80), converted: 5);
        Earlier(s, T0.AddDays(-90), converted: 5);
        Earlier(s, T0.AddDays(-100), converted: 50);                 // fifth: not used
        Concurrent(s, 100, 50);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.PrePeriod, result.Baseline);
        Assert.Equal(0.1, result.RControl!.Value, 9);                // 20 / 200
        Assert.Equal(0.3, result.RExposed!.Value, 9);
        Assert.Equal(20, result.Incremental!.Value, 9);               // 100 × (0.3 − 0.1)
        Assert.NotNull(result.Lift);                                  // expected control conversions = 10
        Assert.Equal(2.0, result.Lift.Value, 9);
        Assert.True(result.Significant);
        Assert.Contains(result.Notes, n => n.StartsWith("baseline pre-period: 4 earlier", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_PrePeriodTooFewConversions_FallsToConcurrent()
    {
        var s = Exposed(new Scenario());
        Earlier(s, T0.AddDays(-70), converted: 5);
        Concurrent(s, 200, 20);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Concurrent, result.Baseline);
        Assert.Equal(0.1, result.RControl!.Value, 9);
    }

    [Fact]
    public void Compute_DaiWithHoldout_UsesHoldoutWhenEarlierBaselinesLackData()
    {
        var s = Exposed(new Scenario { Kind = CollaborationKinds.Dai });
        for (var j = 0; j < 100; j++)
        {
            s.Holdout.Add(new HoldoutRequest($"h{j}", Scenario.HouseholdOf($"h{j}"), T0.AddHours(j)));
            if (j < 10)
            {
                s.A($"h{j}", T0.AddDays(3));
            }
        }

        // A key that was served the promo and also held out once counts as exposed only.
        s.Holdout.Add(new HoldoutRequest("x0", Scenario.HouseholdOf("x0"), T0.AddHours(2)));

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Holdout, result.Baseline);
        Assert.Equal(0.1, result.RControl!.Value, 9);
        Assert.Equal(20, result.Incremental!.Value, 9);
    }

    [Fact]
    public void Compute_HoldoutIgnoredForOtherKinds()
    {
        var s = Exposed(new Scenario { Kind = CollaborationKinds.Promo });
        for (var j = 0; j < 100; j++)
        {
            s.Holdout.Add(new HoldoutRequest($"h{j}", "", T0.AddHours(j)));
            s.A($"h{j}", T0.AddDays(3));
        }

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.NotEqual(Baselines.Holdout, result.Baseline);
    }

    [Fact]
    public void Compute_NoMatchedControl_ForecastEstimatedNotMatched()
    {
        var s = Exposed(new Scenario(), count: 10, converted: 0);
        var day0 = new DateTimeOffset(T0.UtcDateTime.Date, TimeSpan.Zero);
        // Two new A listeners a day for the prior 8 weeks, three a day over the 60-day span (P + W).
        for (var d = -56; d < 60; d++)
        {
            var perDay = d < 0 ? 2 : 3;
            for (var i = 0; i < perDay; i++)
            {
                s.A($"f{d}-{i}", day0.AddDays(d).AddHours(6));
            }
        }

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Forecast, result.Baseline);
        Assert.Equal(60, result.Incremental!.Value, 9);   // 180 actual − 120 forecast
        Assert.Equal(60, result.Incremental.Low, 9);      // no residual noise in the 8 weeks
        Assert.Equal(0.5, result.Lift!.Value, 9);
        Assert.Contains(result.Notes, n => n.Contains("estimated, not matched", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_FewExpectedControlConversions_NoLift()
    {
        // 20 exposed × r_ctl 0.1 = 2 expected control conversions < 10.
        var s = Exposed(new Scenario(), count: 20, converted: 6);
        Concurrent(s, 200, 20);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Concurrent, result.Baseline);
        Assert.Null(result.Lift);
        Assert.NotNull(result.Incremental);
        Assert.Contains(result.Notes, n => n.StartsWith("no lift", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_NoBaselineWithEnoughData_FallbackFlagged()
    {
        var s = Exposed(new Scenario());
        Concurrent(s, 100, 5);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Concurrent, result.Baseline);
        Assert.Contains(result.Notes, n => n.StartsWith("no baseline reached 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_NoControlAtAll_NoIncremental()
    {
        var s = Exposed(new Scenario(), count: 10, converted: 0);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Null(result.Baseline);
        Assert.Null(result.Incremental);
        Assert.False(result.Significant);
    }

    [Fact]
    public void Compute_SameInputTwice_IdenticalResult()
    {
        var s = Exposed(new Scenario());
        Concurrent(s, 200, 20);

        var first = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);
        var second = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(first.Incremental, second.Incremental);
        Assert.Equal(first.Lift, second.Lift);
        Assert.Equal(first.Notes, second.Notes);
    }
}
