using System.Net;
using Prefix.Core.Privacy;

namespace Prefix.Core.Tests.Privacy;

public sealed class ListenerKeyHasherTests
{
    private static readonly byte[] Secret = "0123456789abcdef0123456789abcdef"u8.ToArray();
    private readonly ListenerKeyHasher _hasher = new(1, Secret);

    [Fact]
    public void ListenerKey_SameIpAndAgent_IsStable32HexAndHidesTheIp()
    {
        var key = _hasher.ListenerKey(IPAddress.Parse("203.0.113.7"), "Overcast/3.0");
        Assert.Equal(key, _hasher.ListenerKey(IPAddress.Parse("203.0.113.7"), "  Overcast/3.0 "));
        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.DoesNotContain("203", key, StringComparison.Ordinal);
    }

    [Fact]
    public void ListenerKey_DifferentAgentOrIp_Differs()
    {
        var ip = IPAddress.Parse("203.0.113.7");
        Assert.NotEqual(_hasher.ListenerKey(ip, "Overcast/3.0"), _hasher.ListenerKey(ip, "Spotify/8.9"));
        Assert.NotEqual(_hasher.ListenerKey(ip, "Overcast/3.0"), _hasher.ListenerKey(IPAddress.Parse("203.0.113.8"), "Overcast/3.0"));
    }

    [Fact]
    public void Keys_Ipv6SameSlash64_Merge()
    {
        var a = IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        var b = IPAddress.Parse("2001:db8:1:2::1");
        var otherNetwork = IPAddress.Parse("2001:db8:1:3::1");
        Assert.Equal(_hasher.HouseholdKey(a), _hasher.HouseholdKey(b));
        Assert.Equal(_hasher.ListenerKey(a, "UA"), _hasher.ListenerKey(b, "UA"));
        Assert.NotEqual(_hasher.HouseholdKey(a), _hasher.HouseholdKey(otherNetwork));
    }

    [Fact]
    public void Keys_Ipv4MappedIpv6_EqualsIpv4()
    {
        Assert.Equal(_hasher.HouseholdKey(IPAddress.Parse("198.51.100.4")), _hasher.HouseholdKey(IPAddress.Parse("::ffff:198.51.100.4")));
        Assert.Equal(IPAddress.Parse("198.51.100.4"), ListenerKeyHasher.IpStar(IPAddress.Parse("::ffff:198.51.100.4")));
        Assert.Equal(IPAddress.Parse("2001:db8:1:2::"), ListenerKeyHasher.IpStar(IPAddress.Parse("2001:db8:1:2:3:4:5:6")));
    }

    [Fact]
    public void Keys_HouseholdAndListener_NeverCollideAndSecretMatters()
    {
        var ip = IPAddress.Parse("203.0.113.7");
        Assert.NotEqual(_hasher.HouseholdKey(ip), _hasher.ListenerKey(ip, string.Empty));
        var other = new ListenerKeyHasher(2, "fedcba9876543210fedcba9876543210"u8);
        Assert.NotEqual(_hasher.HouseholdKey(ip), other.HouseholdKey(ip));
        Assert.Equal(2, other.KeyId);
    }

    [Fact]
    public void ListenerKey_HugeAgent_Works()
    {
        var key = _hasher.ListenerKey(IPAddress.Parse("203.0.113.7"), new string('x', 100_000));
        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    [Fact]
    public void Constructor_ShortSecret_Throws() => Assert.Throws<ArgumentException>(() => new ListenerKeyHasher(1, new byte[8]));
}
