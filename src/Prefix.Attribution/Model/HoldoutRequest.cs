namespace Prefix.Attribution.Model;

/// <summary>
/// A dai request that was withheld the promo and logged as "would have served" (ATTRIBUTION.md, "Baseline" 3).
/// Served E_B downloads go in the ordinary download list; held-out ones only here.
/// </summary>
public sealed record HoldoutRequest(string ListenerKey, string HouseholdKey, DateTimeOffset Time);
