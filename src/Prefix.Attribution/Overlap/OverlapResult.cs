namespace Prefix.Attribution.Overlap;

/// <summary>
/// Audience overlap answer; names map to ATTRIBUTION.md, "API shapes"
/// (<c>{"a", "b", "audienceA", "audienceB", "both", "jaccard", "shareOfAInB", "shareOfBInA", "suppressed"}</c>).
/// </summary>
public sealed record OverlapResult(
    Guid A,
    Guid B,
    int? AudienceA,
    int? AudienceB,
    int? Both,
    double? Jaccard,
    double? ShareOfAInB,
    double? ShareOfBInA,
    bool Suppressed);
