using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

/// <summary>Hand-computed cases for every definition of ATTRIBUTION.md, "Definitions" (cell guard off).</summary>
public sealed class DefinitionTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;
    private static readonly AttributionOptions NoGuard = new() { MinCellSize = 1, BootstrapResamples = 200 };
    private static readonly AttributionParameters Defaults = new();

    private static AttributionResult Run(Scenario s, AttributionParameters? parameters = null) =>
        AttributionCalculator.Compute(s.Input(), parameters ?? Defaults, NoGuard);

    [Fact]
    public void Compute_ExposureWindow_InclusiveAtBothEnds()
    {
        var s = new Scenario();
        s.B("k1", T0).B("k1", T0.AddDays(1))               // exposed, two impressions
            .B("k2", T0.AddDays(30))                        // t0 + P exactly: exposed
            .B("k3", T0.AddDays(30).AddSeconds(1))          // after P
            .B("k4", T0.AddSeconds(-1))                     // before t0
            .B("k5", T0.AddDays(1), s.OtherEpisodeB);       // another B episode

        var result = Run(s);

        Assert.Equal(2, result.Reach);
        Assert.Equal(3, result.Impressions);
        Assert.Equal(2, result.Eligible);
    }

    [Fact]
    public void Compute_PriorLookback_IncludesTxMinusLExcludesTx()
    {
        var s = new Scenario()
            .B("k1", T0).A("k1", T0.AddDays(-90))                   // tx − L exactly: prior
            .B("k2", T0).A("k2", T0.AddDays(-90).AddSeconds(-1))    // just before the lookback: eligible
            .B("k3", T0).A("k3", T0);                               // at tx: not prior, converts

        var result = Run(s);

        Assert.Equal(3, result.Reach);
        Assert.Equal(1, result.PriorListeners);
        Assert.Equal(2, result.Eligible);
        Assert.Equal(1, result.NewConverted);
    }

    [Fact]
    public void Compute_ConversionWindow_InclusiveAtTxPlusW()
    {
        var tx = T0.AddHours(1);
        var s = new Scenario()
            .B("k1", tx).A("k1", tx.AddDays(30))
            .B("k2", tx).A("k2", tx.AddDays(30).AddSeconds(1))
            .B("k3", tx).A("k3", tx.AddDays(7));

        var thirty = Run(s);
        var seven = Run(s, new AttributionParameters(WindowDays: 7));

        Assert.Equal(2, thirty.NewConverted);
        Assert.Equal(1, seven.NewConverted);
        Assert.Equal(2.0 / 3, thirty.RExposed!.Value, 9);
    }

    [Fact]
    public void Compute_UsesFirstExposureAsTx()
    {
        // Exposed at t0 and again at t0 + 20 d: the window runs from the first, so a conversion at t0 + 45 d misses.
        var s = new Scenario().B("k1", T0).B("k1", T0.AddDays(20)).A("k1", T0.AddDays(45));

        Assert.Equal(0, Run(s).NewConverted);
    }

    [Fact]
    public void Compute_TrackingShorterThanLookback_UnknownHistoryUnlessSeen()
    {
        var s = new Scenario { History = new ShowHistory(T0.AddDays(-10)) }
            .B("k1", T0)                                   // nothing seen, lookback not covered: unknown
            .B("k2", T0).A("k2", T0.AddDays(-5));          // seen listening: prior

        var result = Run(s);

        Assert.Equal(1, result.UnknownHistory);
        Assert.Equal(1, result.PriorListeners);
        Assert.Equal(0, result.Eligible);
        Assert.Contains(result.Notes, n => n.StartsWith("unknown history", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_TrackedExactlyLDays_Eligible()
    {
        var s = new Scenario { History = new ShowHistory(T0.AddDays(-90)) }.B("k1", T0);

        var result = Run(s);

        Assert.Equal(0, result.UnknownHistory);
        Assert.Equal(1, result.Eligible);
    }

    [Fact]
    public void Compute_FeedDrop_DroppedCopyIsNotAConversion()
    {
        var s = new Scenario { Kind = CollaborationKinds.FeedDrop };
        s.B("k1", T0).A("k1", T0.AddHours(1), s.DroppedCopyA)
            .B("k2", T0).A("k2", T0.AddHours(1), s.DroppedCopyA).A("k2", T0.AddDays(2), s.EpisodeA1);

        var result = Run(s);

        Assert.Equal(2, result.Eligible);
        Assert.Equal(1, result.NewConverted);
    }

    [Fact]
    public void Compute_Retained_TwoDistinctEpisodesWithin30Days()
    {
        var s = new Scenario();
        var ty = T0.AddDays(1);
        s.B("k1", T0).A("k1", ty, s.EpisodeA1).A("k1", ty.AddDays(30), s.EpisodeA2)             // retained (edge inclusive)
            .B("k2", T0).A("k2", ty, s.EpisodeA1).A("k2", ty.AddDays(30).AddSeconds(1), s.EpisodeA2) // too late
            .B("k3", T0).A("k3", ty, s.EpisodeA1).A("k3", ty.AddDays(5), s.EpisodeA1);            // same episode

        var result = Run(s);

        Assert.Equal(3, result.NewConverted);
        Assert.Equal(1, result.Retained);
    }

    [Fact]
    public void Compute_Retained_EpisodePublishedAfterConversion()
    {
        var s = new Scenario();
        s.PublishedAt = new() { [s.EpisodeA1] = T0.AddDays(-10), [s.EpisodeA2] = T0.AddDays(40) };
        var ty = T0.AddDays(1);
        s.B("k4", T0).A("k4", ty, s.EpisodeA1).A("k4", T0.AddDays(45), s.EpisodeA2)   // came back for the new episode
            .B("k5", T0).A("k5", ty, s.EpisodeA1).A("k5", T0.AddDays(45), s.EpisodeA1); // replayed an old one

        var result = Run(s);

        Assert.Equal(2, result.NewConverted);
        Assert.Equal(1, result.Retained);
    }

    [Fact]
    public void Compute_ParametersEcho_AndCosts()
    {
        var s = new Scenario { Spend = 100 };
        for (var i = 0; i < 20; i++)
        {
            s.B($"x{i}", T0.AddHours(i));
            if (i < 10)
            {
                s.A($"x{i}", T0.AddDays(2));
            }

            s.B($"c{i}", T0.AddDays(1), s.OtherEpisodeB);
            if (i < 2)
            {
                s.A($"c{i}", T0.AddDays(3));
            }
        }

        var result = Run(s, new AttributionParameters(ExposureDays: 14, WindowDays: 60, LookbackDays: 60));

        Assert.Equal((14, 60, 60, "device"), (result.ExposureDays, result.WindowDays, result.LookbackDays, result.Key));
        Assert.Equal(s.CollaborationId, result.CollaborationId);
        Assert.Equal(Baselines.Concurrent, result.Baseline);
        // r_exp = 10/20, r_ctl = 2/20, Δ = 20 × 0.4 = 8; cost per new = 100 / 10, per incremental = 100 / 8.
        Assert.Equal(8, result.Incremental!.Value, 9);
        Assert.Equal(10, result.CostPerNewListener!.Value, 9);
        Assert.Equal(12.5, result.CostPerIncrementalListener!.Value, 9);
    }

    [Fact]
    public void Compute_InvalidParameters_Throws()
    {
        var s = new Scenario();

        Assert.Throws<ArgumentException>(() => Run(s, new AttributionParameters(KeyMode: "ip")));
        Assert.NotNull(new AttributionParameters(WindowDays: 0).Validate());
        Assert.Null(new AttributionParameters().Validate());
    }

    [Fact]
    public void Validate_Collaborations_MessageOnlyWhenInvalid()
    {
        var s = new Scenario();
        var valid = s.Collaboration;

        Assert.Null(valid.Validate());
        Assert.NotNull((valid with { Kind = "podcast" }).Validate());
        Assert.NotNull((valid with { HostShowId = valid.PromotedShowId }).Validate());
        Assert.NotNull((valid with { EpisodeIds = [] }).Validate());
        Assert.NotNull((valid with { Spend = 10, Currency = null }).Validate());
        Assert.NotNull((valid with { Spend = -1, Currency = "USD" }).Validate());
    }
}
