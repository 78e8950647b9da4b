using System.Text.Json;
using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Overlap;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

/// <summary>The result types serialize (web defaults, camelCase) to exactly the names of ATTRIBUTION.md, "API shapes".</summary>
public sealed class WireShapeTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly string[] AttributionNames =
    [
        "collaborationId", "key", "windowDays", "lookbackDays", "exposureDays", "reach", "impressions", "eligible",
        "priorListeners", "unknownHistory", "newConverted", "retained", "rExposed", "rControl", "baseline",
        "incremental", "lift", "significant", "costPerNewListener", "costPerIncrementalListener", "sensitivity",
        "coverage", "suppressed", "notes",
    ];

    private static readonly string[] EstimateNames = ["value", "low", "high"];
    private static readonly string[] SensitivityNames = ["windowDays", "lookbackDays", "key", "incremental", "lift"];
    private static readonly string[] OverlapNames =
        ["a", "b", "audienceA", "audienceB", "both", "jaccard", "shareOfAInB", "shareOfBInA", "suppressed"];

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void AttributionResult_SerializesToSpecNames()
    {
        var s = new Scenario { Spend = 10 };
        for (var i = 0; i < 20; i++)
        {
            s.B($"x{i}", Scenario.T0).A($"x{i}", Scenario.T0.AddDays(1));
            s.B($"c{i}", Scenario.T0, s.OtherEpisodeB);
        }

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), new AttributionOptions { BootstrapResamples = 100 });
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, Web));

        Assert.Equal(AttributionNames, Names(json.RootElement));
        Assert.Equal(EstimateNames, Names(json.RootElement.GetProperty("incremental")));
        Assert.Equal(SensitivityNames, Names(json.RootElement.GetProperty("sensitivity")[0]));
    }

    [Fact]
    public void OverlapResult_SerializesToSpecNames()
    {
        var result = new OverlapResult(Guid.NewGuid(), Guid.NewGuid(), 10, 10, 5, 0.33, 0.5, 0.5, false);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, Web));

        Assert.Equal(OverlapNames, Names(json.RootElement));
    }
}
