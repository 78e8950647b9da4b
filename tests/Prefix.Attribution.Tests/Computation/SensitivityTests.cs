using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

public sealed class SensitivityTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;

    /// <summary>10 households hear B on a phone and download A on a car device a day later; 100 control keys, 10 convert.</summary>
    private static Scenario Households()
    {
        var s = new Scenario();
        for (var i = 0; i < 10; i++)
        {
            s.B($"k{i}#phone", T0.AddHours(i)).A($"k{i}#car", T0.AddDays(1).AddHours(i));
        }

        for (var j = 0; j < 100; j++)
        {
            s.B($"c{j}#x", T0.AddDays(1), s.OtherEpisodeB);
            if (j < 10)
            {
                s.A($"c{j}#x", T0.AddDays(2));
            }
        }

        return s;
    }

    [Fact]
    public void Compute_Sensitivity_TwelveRowsInKeyWindowLookbackOrder()
    {
        var result = AttributionCalculator.Compute(Households().Input(), new AttributionParameters(), new AttributionOptions { MinCellSize = 1, BootstrapResamples = 200 });

        Assert.Equal(12, result.Sensitivity.Count);
        Assert.Equal(
            new[]
            {
                (7, 60, "device"), (7, 90, "device"), (30, 60, "device"), (30, 90, "device"), (60, 60, "device"), (60, 90, "device"),
                (7, 60, "household"), (7, 90, "household"), (30, 60, "household"), (30, 90, "household"), (60, 60, "household"), (60, 90, "household"),
            },
            result.Sensitivity.Select(r => (r.WindowDays, r.LookbackDays, r.Key)).ToList());
    }

    [Fact]
    public void Compute_HouseholdKey_MatchesAcrossDevices()
    {
        var result = AttributionCalculator.Compute(Households().Input(), new AttributionParameters(), new AttributionOptions { MinCellSize = 1, BootstrapResamples = 200 });

        var device = result.Sensitivity.Single(r => r is { WindowDays: 30, LookbackDays: 90, Key: "device" });
        var household = result.Sensitivity.Single(r => r is { WindowDays: 30, LookbackDays: 90, Key: "household" });
        Assert.Equal(-1, device.Incremental!.Value, 9);     // 10 × (0 − 0.1)
        Assert.Equal(9, household.Incremental!.Value, 9);   // 10 × (1 − 0.1)
        Assert.Equal(device.Incremental.Value, result.Incremental!.Value, 9);
    }

    [Fact]
    public void Compute_HouseholdMode_ReportsHouseholdKeys()
    {
        var parameters = new AttributionParameters(KeyMode: KeyModes.Household);

        var result = AttributionCalculator.Compute(Households().Input(), parameters, new AttributionOptions { MinCellSize = 1, BootstrapResamples = 200 });

        Assert.Equal("household", result.Key);
        Assert.Equal(10, result.NewConverted);
        Assert.Equal(9, result.Incremental!.Value, 9);
    }
}
