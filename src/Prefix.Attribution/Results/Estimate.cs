namespace Prefix.Attribution.Results;

/// <summary>A point estimate with its 95% interval (<c>{"value", "low", "high"}</c> in ATTRIBUTION.md, "API shapes").</summary>
public sealed record Estimate(double Value, double Low, double High)
{
    /// <summary>True when the interval excludes 0 (ATTRIBUTION.md: "Not significant" when it contains 0).</summary>
    /// <remarks>A method, not a property, so the JSON shape stays exactly <c>{"value", "low", "high"}</c>.</remarks>
    public bool ExcludesZero() => Low > 0 || High < 0;
}
