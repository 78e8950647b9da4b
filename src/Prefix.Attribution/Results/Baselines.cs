namespace Prefix.Attribution.Results;

/// <summary>Wire names of the baselines of ATTRIBUTION.md, "Baseline", in the order they are tried.</summary>
public static class Baselines
{
    public const string PrePeriod = "pre-period";
    public const string Concurrent = "concurrent";
    public const string Holdout = "holdout";
    public const string Forecast = "forecast";
}
