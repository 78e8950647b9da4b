namespace Prefix.Attribution.Results;

/// <summary>
/// The answer of <c>GET /v1/collaborations/{id}/attribution</c>; property names map one-to-one (camelCase) to
/// ATTRIBUTION.md, "API shapes". Counts are null when withheld by the small-count guard.
/// </summary>
public sealed record AttributionResult
{
    public required Guid CollaborationId { get; init; }

    /// <summary><c>device</c> or <c>household</c>.</summary>
    public required string Key { get; init; }

    public required int WindowDays { get; init; }

    public required int LookbackDays { get; init; }

    public required int ExposureDays { get; init; }

    /// <summary>R: keys exposed.</summary>
    public int? Reach { get; init; }

    /// <summary>Qualified downloads of E_B during the exposure period.</summary>
    public int? Impressions { get; init; }

    /// <summary>R_e: exposed keys that are neither prior listeners nor of unknown history.</summary>
    public int? Eligible { get; init; }

    public int? PriorListeners { get; init; }

    public int? UnknownHistory { get; init; }

    /// <summary>N: eligible keys with a conversion (whole keys; fractional credit shows in the rates and costs).</summary>
    public int? NewConverted { get; init; }

    public int? Retained { get; init; }

    /// <summary>r_exp: credited conversions / R_e.</summary>
    public double? RExposed { get; init; }

    /// <summary>r_ctl of the chosen baseline (implied by the forecast for <c>forecast</c>).</summary>
    public double? RControl { get; init; }

    /// <summary>pre-period | concurrent | holdout | forecast; null when no baseline could be formed.</summary>
    public string? Baseline { get; init; }

    /// <summary>Δ = R_e × (r_exp − r_ctl) with its bootstrap interval.</summary>
    public Estimate? Incremental { get; init; }

    /// <summary>(r_exp − r_ctl) / r_ctl; null under the small-count guard.</summary>
    public Estimate? Lift { get; init; }

    /// <summary>Δ's interval excludes 0.</summary>
    public bool Significant { get; init; }

    public double? CostPerNewListener { get; init; }

    public double? CostPerIncrementalListener { get; init; }

    public IReadOnlyList<SensitivityRow> Sensitivity { get; init; } = [];

    /// <summary>Share of A's downloads seen through the prefix, when known.</summary>
    public double? Coverage { get; init; }

    /// <summary>True when any count or estimate was withheld by the small-count guard.</summary>
    public bool Suppressed { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
