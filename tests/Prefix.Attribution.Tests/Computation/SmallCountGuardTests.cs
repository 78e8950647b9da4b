using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

/// <summary>ATTRIBUTION.md, "Outputs": no cell with fewer than 5 listeners.</summary>
public sealed class SmallCountGuardTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;
    private static readonly AttributionOptions Options = new() { BootstrapResamples = 200 };

    private static Scenario WithControl(int exposed, int converted, int retained = 0)
    {
        var s = new Scenario();
        for (var i = 0; i < exposed; i++)
        {
            s.B($"x{i}", T0.AddHours(i));
            if (i < converted)
            {
                s.A($"x{i}", T0.AddDays(1), s.EpisodeA1);
            }

            if (i < retained)
            {
                s.A($"x{i}", T0.AddDays(2), s.EpisodeA2);
            }
        }

        for (var j = 0; j < 200; j++)
        {
            s.B($"c{j}", T0.AddDays(1), s.OtherEpisodeB);
            if (j < 20)
            {
                s.A($"c{j}", T0.AddDays(2));
            }
        }

        return s;
    }

    [Fact]
    public void Compute_ReachBelowFive_WholeAnswerWithheld()
    {
        var result = AttributionCalculator.Compute(WithControl(exposed: 3, converted: 1).Input(), new AttributionParameters(), Options);

        Assert.True(result.Suppressed);
        Assert.Null(result.Reach);
        Assert.Null(result.Impressions);
        Assert.Null(result.NewConverted);
        Assert.Null(result.RExposed);
        Assert.Null(result.Incremental);
        Assert.Null(result.Lift);
        Assert.Empty(result.Sensitivity);
        Assert.DoesNotContain(result.Notes, n => n.Contains("Wilson", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_ConvertedBelowFive_WholeAnswerWithheld()
    {
        var result = AttributionCalculator.Compute(WithControl(exposed: 50, converted: 3).Input(), new AttributionParameters(), Options);

        Assert.True(result.Suppressed);
        Assert.Null(result.Eligible);
    }

    [Fact]
    public void Compute_ZeroConverted_Shown()
    {
        var result = AttributionCalculator.Compute(WithControl(exposed: 50, converted: 0).Input(), new AttributionParameters(), Options);

        Assert.False(result.Suppressed);
        Assert.Equal(0, result.NewConverted);
        Assert.Equal(50, result.Reach);
        Assert.Equal(12, result.Sensitivity.Count);
    }

    [Fact]
    public void Compute_RetainedBelowFive_OnlyRetainedWithheld()
    {
        var result = AttributionCalculator.Compute(WithControl(exposed: 50, converted: 20, retained: 2).Input(), new AttributionParameters(), Options);

        Assert.True(result.Suppressed);
        Assert.Null(result.Retained);
        Assert.Equal(20, result.NewConverted);
        Assert.NotNull(result.Incremental);
    }
}
