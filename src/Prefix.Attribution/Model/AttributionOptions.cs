namespace Prefix.Attribution.Model;

/// <summary>Statistical settings of the attribution calculation (ATTRIBUTION.md, "Outputs").</summary>
public sealed class AttributionOptions
{
    /// <summary>Bootstrap resamples over keys for Δ and lift. Default 1,000 (the spec's minimum).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Fixed bootstrap seed so that the same input always gives the same interval. Default 5.</summary>
    public int BootstrapSeed { get; init; } = 5;

    /// <summary>A baseline "has enough data" when its control group shows at least this many conversions. Default 10.</summary>
    public int MinControlConversions { get; init; } = 10;

    /// <summary>No lift when R_e × r_ctl (expected control conversions) is below this. Default 10.</summary>
    public double MinExpectedControlConversions { get; init; } = 10;

    /// <summary>Smallest count of listeners that may be shown; smaller non-zero counts are withheld. Default 5.</summary>
    public int MinCellSize { get; init; } = 5;

    /// <summary>Earlier B episodes used by the pre-period baseline. Default 4.</summary>
    public int PrePeriodEpisodes { get; init; } = 4;

    /// <summary>Retention window after conversion. Default 30 days.</summary>
    public TimeSpan RetentionWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Weeks of history behind the show-level forecast. Default 8.</summary>
    public int ForecastWeeks { get; init; } = 8;

    /// <summary>Normal quantile of the 95% intervals. Default 1.959964.</summary>
    public double Z { get; init; } = 1.959963984540054;

    /// <summary>The defaults.</summary>
    public static AttributionOptions Default { get; } = new();
}
