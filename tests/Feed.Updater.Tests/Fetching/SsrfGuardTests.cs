using System.Net;
using Feed.Updater.Fetching;
using Prefix.Testing.Feeds;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The address table of the SSRF guard, and fetches it refuses at connect time.</summary>
public sealed class SsrfGuardTests
{
    private static readonly AddressPolicy Strict = new(AllowLoopback: false, AllowPrivateNetworks: false);
    private static readonly AddressPolicy Loopback = new(AllowLoopback: true, AllowPrivateNetworks: false);
    private static readonly AddressPolicy Private = new(AllowLoopback: false, AllowPrivateNetworks: true);

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2001:4860::8888", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("2002:808:808::1", true)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("169.254.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::10.0.0.1", false)]
    [InlineData("2002:a00:1::", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b::c0a8:101", false)]
    [InlineData("fe80::1", false)]
    [InlineData("febf::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    public void IsAllowed_StrictPolicy_RefusesEverythingButPublic(string address, bool allowed) =>
        Assert.Equal(allowed, SsrfGuard.IsAllowed(IPAddress.Parse(address), Strict));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.53", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("fe80::1", false)]
    public void IsAllowed_AllowLoopback_AllowsOnlyLoopback(string address, bool allowed) =>
        Assert.Equal(allowed, SsrfGuard.IsAllowed(IPAddress.Parse(address), Loopback));

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:192.168.0.1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("100.100.100.200", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    public void IsAllowed_AllowPrivateNetworks_KeepsLinkLocalAndMetadataRefused(string address, bool allowed) =>
        Assert.Equal(allowed, SsrfGuard.IsAllowed(IPAddress.Parse(address), Private));

    [Fact]
    public void IsAllowed_EverythingAllowed_StillRefusesMetadata() =>
        Assert.False(SsrfGuard.IsAllowed(IPAddress.Parse("169.254.169.254"), new AddressPolicy(true, true)));

    [Theory]
    [InlineData("169.254.169.254", "never allowed")]
    [InlineData("10.1.2.3", "Updater:Fetching:AllowPrivateNetworks")]
    [InlineData("127.0.0.1", "Updater:Fetching:AllowLoopback")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped form of 10.0.0.1")]
    public void RefusalReason_NamesTheRuleAndTheWayOut(string address, string expected) =>
        Assert.Contains(expected, SsrfGuard.RefusalReason(IPAddress.Parse(address), Strict), StringComparison.Ordinal);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task FetchAsync_LoopbackNotAllowed_IsBlockedBeforeConnecting(string host)
    {
        await using var server = await ScriptedFeedHost.StartAsync();
        server.ServeXml("/feed.xml", "<rss/>");
        using var fetcher = TestFetchers.Fetcher(o => o.AllowLoopback = false);

        var result = await fetcher.FetchAsync(TestFetchers.Get(new Uri($"http://{host}:{server.Port}/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Blocked, result.Outcome);
        Assert.Equal(0, result.StatusCode);
        Assert.Contains("loopback", result.Error, StringComparison.Ordinal);
        Assert.Contains("Updater:Fetching:AllowLoopback", result.Error, StringComparison.Ordinal);
        Assert.Contains(host == "localhost" ? "localhost" : host.Trim('[', ']'), result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task ProbeAsync_LoopbackNotAllowed_FailsWithTheGuardsReason()
    {
        await using var server = await ScriptedFeedHost.StartAsync();
        using var probe = TestFetchers.Probe(o => o.AllowLoopback = false);

        var result = await probe.ProbeAsync(server.Url("/episode.mp3"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.Id3Size);
        Assert.Contains("loopback", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.ConnectionsAccepted);
    }
}
