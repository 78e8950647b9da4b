using System.Net;
using System.Text;
using System.Text.Json;
using Attribution.Api.Import;
using Prefix.Core.Hits;
using Prefix.Core.Privacy;
using Prefix.Geo;
using Prefix.Hosting.Configuration;

namespace Attribution.Api.Tests.Import;

public sealed class ImportedHitMapperTests(ImportGeoFixture geo) : IClassFixture<ImportGeoFixture>
{
    private const string SecretHex = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly DateTimeOffset Time = new(2026, 11, 2, 22, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("203.0.113.7", "AppleCoreMedia/1.0")]
    [InlineData("8.8.8.8", "")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "Overcast/3.0")]
    [InlineData("::ffff:8.8.4.4", "  Pocket Casts  ")]
    public void Map_SameSecret_KeysEqualListenerKeyHasher(string ip, string userAgent)
    {
        var mapper = Mapper();
        var edge = new ListenerKeyHasher(7, Convert.FromHexString(SecretHex));
        var address = IPAddress.Parse(ip);

        var hit = mapper.Map(Line(ip, userAgent));

        Assert.Equal(edge.ListenerKey(address, userAgent), hit.ListenerKey);
        Assert.Equal(edge.HouseholdKey(address), hit.HouseholdKey);
        Assert.Equal((ushort)7, hit.KeyId);
    }

    [Fact]
    public void Map_Ipv6InSameSlash64_SameHouseholdAndListener()
    {
        var mapper = Mapper();

        var a = mapper.Map(Line("2001:db8:aa:bb:1:2:3:4", "Overcast/3.0"));
        var b = mapper.Map(Line("2001:db8:aa:bb:ffff:eeee:dddd:cccc", "Overcast/3.0"));
        var otherNetwork = mapper.Map(Line("2001:db8:aa:bc:1:2:3:4", "Overcast/3.0"));

        Assert.Equal(a.HouseholdKey, b.HouseholdKey);
        Assert.Equal(a.ListenerKey, b.ListenerKey);
        Assert.NotEqual(a.HouseholdKey, otherNetwork.HouseholdKey);
    }

    [Fact]
    public void Map_PublicAddress_GeoFieldsAsGeoLookup()
    {
        var mapper = Mapper();
        var expected = geo.Lookup.Lookup(IPAddress.Parse("8.8.8.8"));

        var hit = mapper.Map(Line("8.8.8.8", "x"));

        Assert.False(string.IsNullOrEmpty(hit.Country));
        Assert.Equal(expected.Country ?? string.Empty, hit.Country);
        Assert.Equal(expected.Subdivision ?? string.Empty, hit.Subdivision);
        Assert.Equal(expected.City ?? string.Empty, hit.City);
        Assert.Equal(expected.TimeZone ?? string.Empty, hit.TimeZone);
        Assert.Equal(expected.Asn, hit.Asn);
        Assert.Equal(expected.AsOrganization ?? string.Empty, hit.AsOrganization);
    }

    [Fact]
    public void Map_Line_HitLikeAnEdgeHitWithSourceImport()
    {
        var mapper = Mapper();

        var hit = mapper.Map(Line("203.0.113.7", "AppleCoreMedia/1.0") with { Status = 206, Bytes = 1000 });

        Assert.Equal(7, hit.Id.Version);
        Assert.Equal(Time.ToUnixTimeMilliseconds(), hit.TimestampMs);
        Assert.Equal(Time.ToUnixTimeMilliseconds(), UuidV7Milliseconds(hit.Id));
        Assert.Equal("GET", hit.Method);
        Assert.Equal("https://cdn.example.com/show/ep1.mp3", hit.RequestUrl);
        Assert.Equal("https://cdn.example.com/show/ep1.mp3", hit.TargetUrl);
        Assert.Equal("bytes=0-", hit.Range);
        Assert.Equal("https://podcasts.example/", hit.Referer);
        Assert.Equal(206, hit.Status);
        Assert.Equal(1000, hit.BytesServed);
        Assert.Equal("import", hit.Source);
        Assert.Equal(string.Empty, hit.PrefixArguments);
        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(hit, HitJsonContext.Default.HitRecord));
        Assert.DoesNotContain("203.0.113.7", json, StringComparison.Ordinal);
    }

    private ImportedHitMapper Mapper()
    {
        // The secret goes the configured way (IdentityOptions), as in the API process.
        var identity = new IdentityOptions { Secret = SecretHex, KeyId = 7 };
        return new ImportedHitMapper(new ClientAddressEnricher(geo.Lookup, new ListenerKeyHasher(identity.KeyId, identity.ResolveSecret()!)));
    }

    private static ImportedHit Line(string ip, string userAgent) =>
        new(Time, IPAddress.Parse(ip), "GET", "https://cdn.example.com/show/ep1.mp3", userAgent, "https://podcasts.example/", "bytes=0-", 0, -1);

    /// <summary>The 48-bit Unix milliseconds at the front of a UUIDv7 (RFC 9562 §5.7).</summary>
    private static long UuidV7Milliseconds(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }

        return ms;
    }
}
