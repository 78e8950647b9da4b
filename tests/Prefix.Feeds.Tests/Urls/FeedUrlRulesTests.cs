using Prefix.Feeds.Urls;

namespace Prefix.Feeds.Tests.Urls;

public class FeedUrlRulesTests
{
    [Theory]
    // Plain URLs: kept as given.
    [InlineData("https://example.com/feed.xml", "https://example.com/feed.xml")]
    [InlineData("http://example.com/feed.xml", "http://example.com/feed.xml")]
    [InlineData("  https://example.com/feed.xml \r\n", "https://example.com/feed.xml")]
    [InlineData("\thttps://example.com/rss\t", "https://example.com/rss")]
    // Scheme and host lower-cased, path and query untouched.
    [InlineData("HTTPS://Example.COM/Feed.XML", "https://example.com/Feed.XML")]
    [InlineData("HtTp://WWW.Example.com/A/b?Q=1", "http://www.example.com/A/b?Q=1")]
    [InlineData("https://example.com/feed?b=2&a=1", "https://example.com/feed?b=2&a=1")]
    [InlineData("https://example.com/a%2Fb%20c", "https://example.com/a%2Fb%20c")]
    [InlineData("https://example.com/a%2fb", "https://example.com/a%2fb")]
    [InlineData("https://example.com/feed/", "https://example.com/feed/")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("https://example.com/", "https://example.com/")]
    [InlineData("https://example.com?x=1", "https://example.com?x=1")]
    [InlineData("https://example.com/ü/feed", "https://example.com/ü/feed")]
    [InlineData("https://example.com/a/../b", "https://example.com/a/../b")]
    // Default ports dropped, others kept (leading zeros normalised).
    [InlineData("https://example.com:443/feed", "https://example.com/feed")]
    [InlineData("http://example.com:80/feed", "http://example.com/feed")]
    [InlineData("http://example.com:443/feed", "http://example.com:443/feed")]
    [InlineData("https://example.com:8443/feed", "https://example.com:8443/feed")]
    [InlineData("https://example.com:08443/feed", "https://example.com:8443/feed")]
    [InlineData("https://example.com:/feed", "https://example.com/feed")]
    // Fragment dropped.
    [InlineData("https://example.com/feed#latest", "https://example.com/feed")]
    [InlineData("https://example.com/feed?x=1#a#b", "https://example.com/feed?x=1")]
    [InlineData("https://example.com#top", "https://example.com")]
    // Podcast-app schemes.
    [InlineData("feed://example.com/rss", "http://example.com/rss")]
    [InlineData("FEED://Example.com/rss", "http://example.com/rss")]
    [InlineData("itpc://example.com/rss", "http://example.com/rss")]
    [InlineData("pcast://example.com/rss", "http://example.com/rss")]
    [InlineData("podcast://example.com/rss", "http://example.com/rss")]
    [InlineData("feed:https://example.com/rss", "https://example.com/rss")]
    [InlineData("feed:HTTP://Example.com/rss", "http://example.com/rss")]
    // Hosts: IP literals, single labels, underscores, trailing dot, IDN.
    [InlineData("http://192.0.2.10/feed", "http://192.0.2.10/feed")]
    [InlineData("http://[2001:DB8::1]:8080/feed", "http://[2001:db8::1]:8080/feed")]
    [InlineData("http://[::1]/feed", "http://[::1]/feed")]
    [InlineData("http://localhost:8080/feed", "http://localhost:8080/feed")]
    [InlineData("https://my_host.example.com/feed", "https://my_host.example.com/feed")]
    [InlineData("https://example.com./feed", "https://example.com./feed")]
    [InlineData("https://bücher.example/feed", "https://xn--bcher-kva.example/feed")]
    [InlineData("https://a1.b-2.example/feed", "https://a1.b-2.example/feed")]
    public void Check_AcceptedUrl_ReturnsCanonicalForm(string input, string expected)
    {
        var check = FeedUrlRules.Check(input);

        Assert.True(check.IsValid, check.Rejection);
        Assert.Equal(expected, check.Url);
        Assert.Null(check.Rejection);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   \r\n ", "empty")]
    [InlineData("example.com/feed", "not absolute")]
    [InlineData("/feed.xml", "not absolute")]
    [InlineData("www.example.com", "not absolute")]
    [InlineData("http:example.com/feed", "needs //")]
    [InlineData("https:/example.com/feed", "needs //")]
    [InlineData("ftp://example.com/feed", "not 'ftp'")]
    [InlineData("file:///etc/passwd", "not 'file'")]
    [InlineData("javascript://example.com/%0aalert(1)", "not 'javascript'")]
    [InlineData("gopher://example.com/feed", "not 'gopher'")]
    [InlineData("feed:mailto:x@example.com", "does not contain a web address")]
    [InlineData("itpc:example.com/rss", "does not contain a web address")]
    [InlineData("https://user:pass@example.com/feed", "user name or password")]
    [InlineData("https://user@example.com/feed", "user name or password")]
    [InlineData("https://@example.com/feed", "user name or password")]
    [InlineData("https:///feed.xml", "no host")]
    [InlineData("https://:8080/feed", "no host")]
    [InlineData("https://example.com:0/feed", "port '0'")]
    [InlineData("https://example.com:65536/feed", "port '65536'")]
    [InlineData("https://example.com:http/feed", "port 'http'")]
    [InlineData("https://example.com:-1/feed", "port '-1'")]
    [InlineData("https://exa mple.com/feed", "space")]
    [InlineData("https://example.com/my feed.xml", "position 23")]
    [InlineData("https://example.com/feed\r\nX-Injected: 1", "line break")]
    [InlineData("https://example.com/fe\u0000ed", "control character")]
    [InlineData("https://example.com/fe\u0085ed", "control character")]
    [InlineData("https://exa$mple.com/feed", "contains '$'")]
    [InlineData("https://example..com/feed", "not a valid domain name")]
    [InlineData("https://.example.com/feed", "not a valid domain name")]
    [InlineData("https://ex%61mple.com/feed", "percent-encoded")]
    [InlineData("http://999.1.1.1/feed", "not a valid IPv4")]
    [InlineData("http://127.1/feed", "not a valid IPv4")]
    [InlineData("http://0x7f.0.0.1/feed", "not a valid IPv4")]
    [InlineData("http://010.0.0.1/feed", "not a valid IPv4")]
    [InlineData("http://[2001:db8::1/feed", "closing ']'")]
    [InlineData("http://[not-an-ip]/feed", "not a valid IPv6")]
    [InlineData("http://[::1]x/feed", "not a port")]
    public void Check_RefusedUrl_ReturnsActionableReason(string? input, string reasonContains)
    {
        var check = FeedUrlRules.Check(input);

        Assert.False(check.IsValid);
        Assert.Null(check.Url);
        Assert.Contains(reasonContains, check.Rejection, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Check_LabelLongerThan63_Refused()
    {
        var check = FeedUrlRules.Check("https://" + new string('a', 64) + ".example/feed");

        Assert.False(check.IsValid);
        Assert.Contains("not a valid domain name", check.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExactlyMaxLength_AcceptedAndOneMoreRefused()
    {
        const string Prefix = "https://example.com/";
        var atLimit = Prefix + new string('a', FeedUrlRules.MaxLength - Prefix.Length);

        Assert.True(FeedUrlRules.Check(atLimit).IsValid);
        var tooLong = FeedUrlRules.Check(atLimit + "a");
        Assert.False(tooLong.IsValid);
        Assert.Contains("2,001 characters", tooLong.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CredentialsAllowed_KeptVerbatimWithHostLowerCased()
    {
        var check = FeedUrlRules.Check("https://User:P%40ss@Private.Example.com/feed", allowCredentials: true);

        Assert.Equal("https://User:P%40ss@private.example.com/feed", check.Url);
    }
}
