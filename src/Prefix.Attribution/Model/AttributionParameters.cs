namespace Prefix.Attribution.Model;

/// <summary>
/// Query parameters of <c>GET /v1/collaborations/{id}/attribution</c> (ATTRIBUTION.md, "Inputs" and "API shapes").
/// </summary>
/// <param name="ExposureDays">P, exposure period in days. Default 30.</param>
/// <param name="WindowDays">W, conversion window in days. Default 30.</param>
/// <param name="LookbackDays">L, prior-listener lookback in days. Default 90.</param>
/// <param name="KeyMode"><c>device</c> (default) or <c>household</c>.</param>
public sealed record AttributionParameters(
    int ExposureDays = 30,
    int WindowDays = 30,
    int LookbackDays = 90,
    string KeyMode = KeyModes.Device)
{
    /// <summary>Upper bound for every day count: a year is far beyond the identity lifetime's L + W + P.</summary>
    public const int MaxDays = 366;

    /// <summary>Null when valid, else a message naming the bad field and value (for a 400 answer).</summary>
    public string? Validate()
    {
        if (ExposureDays is < 1 or > MaxDays)
        {
            return $"exposure must be between 1 and {MaxDays} days (got {ExposureDays})";
        }

        if (WindowDays is < 1 or > MaxDays)
        {
            return $"window must be between 1 and {MaxDays} days (got {WindowDays})";
        }

        if (LookbackDays is < 1 or > MaxDays)
        {
            return $"lookback must be between 1 and {MaxDays} days (got {LookbackDays})";
        }

        return KeyModes.IsValid(KeyMode) ? null : $"key must be device or household (got '{KeyMode}')";
    }
}
