using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Computation;

/// <summary>The definitions and the baseline evaluated for one (P, W, L, key) combination; point estimates only.</summary>
internal sealed class Variant
{
    public int Reach { get; set; }

    public int Prior { get; set; }

    public int Unknown { get; set; }

    public int Eligible { get; set; }

    public int Converted { get; set; }

    public int Retained { get; set; }

    /// <summary>Σ credit over converted eligible keys (equals <see cref="Converted"/> without shared conversions).</summary>
    public double Credited { get; set; }

    /// <summary>Converted keys whose conversion is shared with another collaboration.</summary>
    public int Shared { get; set; }

    /// <summary>Credited outcome (0..1) per eligible exposed key, in ordinal key order.</summary>
    public double[] ExposedOutcomes { get; set; } = [];

    public string? Baseline { get; set; }

    /// <summary>True when the chosen baseline met the "enough data" rule (else it is a fallback).</summary>
    public bool BaselineEnough { get; set; }

    public ControlGroup? Control { get; set; }

    public ForecastOutcome? Forecast { get; set; }

    /// <summary>Number of earlier B episodes behind the pre-period baseline.</summary>
    public int PrePeriodEpisodes { get; set; }

    public double? RExposed => Eligible == 0 ? null : Credited / Eligible;

    public double? RControl { get; set; }

    public double? Delta { get; set; }

    /// <summary>R_e × r_ctl, or the forecast total for the forecast baseline.</summary>
    public double? ExpectedControlConversions { get; set; }

    /// <summary>Point lift, null under the small-count guard.</summary>
    public double? Lift { get; set; }
}
