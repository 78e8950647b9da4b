namespace Prefix.Geo;

/// <summary>What the edge records about where a download came from; every part may be unknown.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code ("US"), or null.</param>
/// <param name="Subdivision">
/// The part after the hyphen of the ISO 3166-2 code of the first (largest) subdivision ("CA" for US-CA,
/// "13" for JP-13), or null.
/// </param>
/// <param name="City">English city name, or null.</param>
/// <param name="TimeZone">IANA time zone ("Europe/Berlin"), or null.</param>
/// <param name="Asn">Autonomous system number, 0 when unknown.</param>
/// <param name="AsOrganization">Registered name of the autonomous system, or null.</param>
public sealed record GeoResult(string? Country, string? Subdivision, string? City, string? TimeZone, uint Asn, string? AsOrganization)
{
    /// <summary>The answer for private, reserved and unknown addresses.</summary>
    public static GeoResult Empty { get; } = new(null, null, null, null, 0, null);

    /// <summary>True when nothing at all is known about the address.</summary>
    public bool IsEmpty => Country is null && Subdivision is null && City is null && TimeZone is null && Asn == 0 && AsOrganization is null;
}
