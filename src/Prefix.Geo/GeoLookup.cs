using System.Net;
using Prefix.Geo.Asn;
using Prefix.Geo.MaxMind;

namespace Prefix.Geo;

/// <summary>Country, subdivision, city, time zone and autonomous system of a client address.</summary>
/// <remarks>
/// Open once at start-up and share: every member is thread-safe and <see cref="Lookup"/> takes no lock.
/// A lookup:
/// <list type="number">
/// <item>writes the address into a stack buffer; an IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>) becomes its IPv4 address;</item>
/// <item>answers <see cref="GeoResult.Empty"/> for private, loopback, link-local and other special-purpose blocks;</item>
/// <item>asks the City database through libmaxminddb (memory-mapped, strings decoded once and cached);</item>
/// <item>binary-searches the in-memory ASN ranges of the address family.</item>
/// </list>
/// Unknown addresses are not errors: the answer simply has nulls and ASN 0.
/// </remarks>
public sealed class GeoLookup : IDisposable
{
    private readonly CityDatabase city;
    private readonly AsnDatabase asn;

    private GeoLookup(CityDatabase city, AsnDatabase asn)
    {
        this.city = city;
        this.asn = asn;
    }

    /// <summary>Loads the ASN ranges and maps the City database.</summary>
    /// <exception cref="FileNotFoundException">A configured file does not exist; the message names it.</exception>
    /// <exception cref="InvalidDataException">A file exists but cannot be read as its format.</exception>
    public static GeoLookup Open(GeoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireFile(options.CityDatabasePath, nameof(GeoOptions.CityDatabasePath));
        RequireFile(options.AsnIPv4Path, nameof(GeoOptions.AsnIPv4Path));
        RequireFile(options.AsnIPv6Path, nameof(GeoOptions.AsnIPv6Path));

        var asnDatabase = AsnDatabase.Load(options.AsnIPv4Path, options.AsnIPv6Path);
        return new GeoLookup(CityDatabase.Open(options.CityDatabasePath), asnDatabase);
    }

    /// <summary>What the data says about <paramref name="address"/>; never throws for an address it does not know.</summary>
    /// <exception cref="ObjectDisposedException">Called after <see cref="Dispose"/>.</exception>
    public GeoResult Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> buffer = stackalloc byte[16];
        if (!address.TryWriteBytes(buffer, out var length))
        {
            return GeoResult.Empty;
        }

        ReadOnlySpan<byte> bytes = buffer[..length];
        if (address.IsIPv4MappedToIPv6)
        {
            bytes = bytes[12..];
        }

        if (ReservedAddresses.IsReserved(bytes))
        {
            return GeoResult.Empty;
        }

        var place = city.Lookup(bytes);
        var number = asn.Lookup(bytes, out var organization);
        return place == CityRecord.None && number == 0 && organization is null
            ? GeoResult.Empty
            : new GeoResult(place.Country, place.Subdivision, place.City, place.TimeZone, number, organization);
    }

    /// <summary>Unmaps the City database; lookups still running finish first.</summary>
    public void Dispose() => city.Dispose();

    internal AsnDatabase Asn => asn;

    private static void RequireFile(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"GeoOptions.{option} is empty.", option);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"GeoOptions.{option}: '{path}' does not exist (./prefix installs the geo data).", path);
        }
    }
}
