using System.Net;
using System.Text.RegularExpressions;

namespace Prefix.Geo.Tests;

[Collection(GeoDataCollectionDefinition.Name)]
public sealed partial class GeoLookupTests(GeoDataFixture data)
{
    [Theory]
    [InlineData("8.8.8.8", "US", 15169u, "Google LLC")]
    [InlineData("2001:4860:4860::8888", "US", 15169u, "Google LLC")]
    [InlineData("1.1.1.1", null, 13335u, "Cloudflare, Inc.")]
    [InlineData("81.2.69.142", "GB", 20712u, "Andrews & Arnold Ltd")]
    [InlineData("217.0.0.1", "DE", 3320u, "Deutsche Telekom AG")]
    [InlineData("2003::1", "DE", 3320u, "Deutsche Telekom AG")]
    [InlineData("153.128.0.1", "JP", 4713u, "NTT Communications Corporation")]
    [InlineData("201.0.0.1", "BR", 27699u, "TELEFONICA BRASIL S.A")]
    public void Lookup_PublicAddress_CountryAndNetwork(string ip, string? country, uint asn, string organization)
    {
        var result = data.Lookup.Lookup(IPAddress.Parse(ip));

        // Anycast addresses such as 1.1.1.1 move between countries from one database release to the next.
        if (country is not null)
        {
            Assert.Equal(country, result.Country);
        }

        Assert.Equal(asn, result.Asn);
        Assert.Equal(organization, result.AsOrganization);
        Assert.Matches(TimeZoneShape(), result.TimeZone);
    }

    [Theory]
    // Leibniz-Rechenzentrum, the Munich universities' network: Bavaria.
    [InlineData("129.187.1.1", "DE", "BY", "Munich", "Europe/Berlin", 12816u, "Leibniz-Rechenzentrum")]
    // The University of Tokyo's Hongo campus is in Bunkyo, Tokyo (JP-13).
    [InlineData("133.11.0.1", "JP", "13", "Bunkyo-ku", "Asia/Tokyo", 2501u, "The University of Tokyo")]
    // Universidade de São Paulo: state of São Paulo (the city in the database is a neighbour, so it is not asserted).
    [InlineData("143.107.1.1", "BR", "SP", null, "America/Sao_Paulo", 28571u, "UNIVERSIDADE DE SAO PAULO")]
    public void Lookup_UniversityNetwork_FullPlace(string ip, string country, string subdivision, string? city, string timeZone, uint asn, string organization)
    {
        var result = data.Lookup.Lookup(IPAddress.Parse(ip));

        Assert.Equal(country, result.Country);
        Assert.Equal(subdivision, result.Subdivision);
        if (city is not null)
        {
            Assert.Equal(city, result.City);
        }

        Assert.Equal(timeZone, result.TimeZone);
        Assert.Equal(asn, result.Asn);
        Assert.Equal(organization, result.AsOrganization);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.10.20")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.251")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:192.168.1.1")]
    public void Lookup_NonPublicAddress_Empty(string ip)
    {
        var result = data.Lookup.Lookup(IPAddress.Parse(ip));

        Assert.Same(GeoResult.Empty, result);
        Assert.True(result.IsEmpty);
    }

    [Theory]
    // Documentation blocks (RFC 5737, RFC 3849) are public-looking but appear in neither data set.
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    public void Lookup_UnallocatedAddress_EmptyWithoutException(string ip)
    {
        var result = data.Lookup.Lookup(IPAddress.Parse(ip));

        Assert.True(result.IsEmpty, result.ToString());
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("129.187.1.1")]
    [InlineData("133.11.0.1")]
    [InlineData("81.2.69.142")]
    public void Lookup_IPv4MappedIPv6_SameAsIPv4(string ip)
    {
        var ipv4 = IPAddress.Parse(ip);

        Assert.Equal(data.Lookup.Lookup(ipv4), data.Lookup.Lookup(ipv4.MapToIPv6()));
    }

    [Fact]
    public void Lookup_DifferentRecordsSameCountry_ShareStrings()
    {
        // Two Deutsche Telekom blocks with different database records (one has a city, the other not).
        var first = data.Lookup.Lookup(IPAddress.Parse("80.128.0.1"));
        var second = data.Lookup.Lookup(IPAddress.Parse("217.0.0.1"));

        // Decoded strings are cached by their place in the database, so hot answers allocate no new text.
        Assert.NotEqual(first.City, second.City);
        Assert.Same(first.Country, second.Country);
        Assert.Same(first.TimeZone, second.TimeZone);
        Assert.Same(first.AsOrganization, second.AsOrganization);
    }

    [Fact]
    public void Lookup_NullAddress_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => data.Lookup.Lookup(null!));
    }

    [Fact]
    public void Lookup_FourThreads_SameAnswersAsOneThread()
    {
        var addresses = SampleAddresses.Create(count: 50_000, seed: 7);
        var expected = addresses.Select(data.Lookup.Lookup).ToArray();

        var results = new GeoResult[4][];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            // Each thread walks the list from a different offset so they hit different entries at the same time.
            var answers = new GeoResult[addresses.Length];
            for (var i = 0; i < addresses.Length; i++)
            {
                var index = (i + (t * addresses.Length / 4)) % addresses.Length;
                answers[index] = data.Lookup.Lookup(addresses[index]);
            }

            results[t] = answers;
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        foreach (var answers in results)
        {
            Assert.Equal(expected, answers);
        }

        // The sample must exercise real answers, not mostly empty ones.
        Assert.True(expected.Count(r => r.Country is not null) > addresses.Length / 2);
    }

    [Fact]
    public void Lookup_AfterDispose_ThrowsObjectDisposed()
    {
        var lookup = GeoLookup.Open(data.Options);
        lookup.Dispose();
        lookup.Dispose();

        Assert.Throws<ObjectDisposedException>(() => lookup.Lookup(IPAddress.Parse("8.8.8.8")));
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z_\-]+(/[A-Za-z0-9_\-+]+){1,2}$")]
    private static partial Regex TimeZoneShape();
}
