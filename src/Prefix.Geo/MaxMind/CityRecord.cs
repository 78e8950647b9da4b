namespace Prefix.Geo.MaxMind;

/// <summary>The City database's part of a <see cref="GeoResult"/>.</summary>
internal readonly record struct CityRecord(string? Country, string? Subdivision, string? City, string? TimeZone)
{
    public static CityRecord None => default;
}
