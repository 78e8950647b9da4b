namespace Prefix.Attribution.Model;

/// <summary>What is known about the promoted show's tracking (ATTRIBUTION.md, "Prior listener" and "Coverage note").</summary>
/// <param name="TrackedSince">When qualified downloads of A started to be recorded. A key exposed at tx with
/// TrackedSince &gt; tx − L and no A download seen is "unknown history". Null: history is complete.</param>
/// <param name="CoverageShare">Share of A's downloads that come through the prefix (prefix downloads / all known
/// downloads, 0..1); null when unknown.</param>
public sealed record ShowHistory(DateTimeOffset? TrackedSince = null, double? CoverageShare = null)
{
    /// <summary>Complete history, coverage unknown.</summary>
    public static ShowHistory Complete { get; } = new();
}
