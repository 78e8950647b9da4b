using System.Text.Json.Serialization;

namespace Attribution.Api.Downloads;

/// <summary>The response of the counting endpoints; names fixed by COUNTING.md "Response shape".</summary>
internal sealed record DownloadReport(
    string Window,
    string Mode,
    string Ruleset,
    DateTimeOffset Start,
    DateTimeOffset End,
    DownloadTotals Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DownloadSeriesPoint>? Series,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DownloadBreakdownRow>? Breakdown);

internal sealed record DownloadTotals(long Downloads, long Listeners, long Bots, long Suspect);

internal sealed record DownloadSeriesPoint(DateTimeOffset Start, long Downloads, long Listeners);

internal sealed record DownloadBreakdownRow(string Key, long Downloads);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DownloadReport))]
internal sealed partial class DownloadJsonContext : JsonSerializerContext;
