using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

public sealed class NotesTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;
    private static readonly AttributionOptions Options = new() { BootstrapResamples = 200 };

    private static Scenario Basic()
    {
        var s = new Scenario();
        for (var i = 0; i < 50; i++)
        {
            s.B($"x{i}", T0.AddHours(i));
            if (i < 20)
            {
                s.A($"x{i}", T0.AddDays(1));
            }

            s.B($"c{i}", T0.AddDays(1), s.OtherEpisodeB);
            if (i < 10)
            {
                s.A($"c{i}", T0.AddDays(2));
            }
        }

        return s;
    }

    [Fact]
    public void Compute_CoverageGiven_EchoedWithNote()
    {
        var s = Basic();
        s.History = new ShowHistory(CoverageShare: 0.625);

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(0.625, result.Coverage);
        Assert.Contains(result.Notes, n => n.StartsWith("coverage: 62.5%", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_CoverageUnknown_NullWithNote()
    {
        var result = AttributionCalculator.Compute(Basic().Input(), new AttributionParameters(), Options);

        Assert.Null(result.Coverage);
        Assert.Contains(result.Notes, n => n.StartsWith("coverage unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_DataEndsBeforeWindowsClose_WindowsOpenNote()
    {
        var s = Basic();
        var input = s.Input();
        var open = new AttributionInput
        {
            Collaboration = input.Collaboration,
            Downloads = input.Downloads,
            DataEnd = T0.AddDays(40),
        };

        var result = AttributionCalculator.Compute(open, new AttributionParameters(), Options);

        Assert.Contains(result.Notes, n => n.StartsWith("windows still open", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_Concurrent_ExcludesKeysThatHeardEBLater()
    {
        var s = Basic();
        // Ten more "unexposed" listeners, who all convert but also downloaded E_B after P: not controls.
        for (var j = 0; j < 10; j++)
        {
            s.B($"late{j}", T0.AddDays(2), s.OtherEpisodeB).B($"late{j}", T0.AddDays(40)).A($"late{j}", T0.AddDays(3));
        }

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), Options);

        Assert.Equal(Baselines.Concurrent, result.Baseline);
        Assert.Equal(0.2, result.RControl!.Value, 9);     // 10 / 50, the late keys left out
        Assert.Equal(50, result.Reach);                   // and not exposed either (after P)
        Assert.Equal(10, result.Incremental!.Value, 9);   // 50 × (0.4 − 0.2)
    }
}
