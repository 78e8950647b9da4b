namespace Prefix.Attribution.Model;

/// <summary>
/// One qualified download (COUNTING.md: eligible, bots and suspect traffic removed) as attribution sees it.
/// Both keys are carried so that one input answers the device and the household variant of the
/// sensitivity table (ATTRIBUTION.md, "Outputs").
/// </summary>
/// <param name="ListenerKey">Device key: HMAC of IP* + user agent. Empty when unknown.</param>
/// <param name="HouseholdKey">Household key: HMAC of IP*. Empty for downloads from non-residential networks,
/// which the household variant ignores (ATTRIBUTION.md, "Inputs": residential networks only).</param>
/// <param name="ShowId">Show the downloaded episode belongs to.</param>
/// <param name="EpisodeId">The downloaded episode.</param>
/// <param name="Time">Time of the download (first qualifying request).</param>
public sealed record QualifiedDownload(
    string ListenerKey,
    string HouseholdKey,
    Guid ShowId,
    Guid EpisodeId,
    DateTimeOffset Time);
