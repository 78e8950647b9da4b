namespace Prefix.Attribution.Results;

/// <summary>One row of the sensitivity table: point estimates only (no bootstrap), null when withheld or unavailable.</summary>
public sealed record SensitivityRow(int WindowDays, int LookbackDays, string Key, double? Incremental, double? Lift);
