using Feed.Updater.Fetching;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The per-hop redirect rules on plain URIs (no TLS server needed for the downgrade rule).</summary>
public sealed class RedirectRulesTests
{
    private static readonly HashSet<string> Nothing = [];

    [Theory]
    [InlineData("https://a.example/feed", "http://b.example/feed")]
    [InlineData("https://a.example/feed", "HTTP://a.example/feed")]
    public void Next_HttpsToHttp_IsRefusedAsDowngrade(string current, string location)
    {
        var step = RedirectRules.Next(new Uri(current), 301, location, 1, Nothing);

        Assert.Null(step.Target);
        Assert.Contains("downgrade", step.Error, StringComparison.Ordinal);
        Assert.Contains("hop 1", step.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://a.example/feed", "https://a.example/feed", "https://a.example/feed")]
    [InlineData("https://a.example/x/feed", "rss", "https://a.example/x/rss")]
    [InlineData("https://a.example/x/feed", "/rss?a=1", "https://a.example/rss?a=1")]
    [InlineData("https://a.example/x/feed", "//cdn.example/f.xml", "https://cdn.example/f.xml")]
    [InlineData("http://a.example/feed", " http://b.example/feed ", "http://b.example/feed")]
    public void Next_AllowedLocation_IsResolved(string current, string location, string expected)
    {
        var step = RedirectRules.Next(new Uri(current), 302, location, 1, Nothing);

        Assert.Null(step.Error);
        Assert.Equal(new Uri(expected), step.Target);
    }

    [Theory]
    [InlineData("ftp://a.example/feed", "not an http or https URL")]
    [InlineData("file:///etc/passwd", "not an http or https URL")]
    [InlineData("javascript:alert(1)", "not an http or https URL")]
    [InlineData("http://a.example/\r\nSet-Cookie: x=1", "control characters")]
    [InlineData("http://a.example/\u0000", "control characters")]
    [InlineData("http://a.example/\tfeed", "control characters")]
    [InlineData("", "no Location")]
    [InlineData(null, "no Location")]
    [InlineData("http://[::1", "not a valid URL")]
    public void Next_BadLocation_IsRefusedWithTheHop(string? location, string reason)
    {
        var step = RedirectRules.Next(new Uri("http://a.example/feed"), 302, location, 3, Nothing);

        Assert.Null(step.Target);
        Assert.Contains(reason, step.Error, StringComparison.Ordinal);
        Assert.Contains("hop 3", step.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_AlreadyVisited_IsALoop()
    {
        var visited = new HashSet<string> { RedirectRules.VisitKey(new Uri("http://a.example/feed")) };

        var step = RedirectRules.Next(new Uri("http://a.example/other"), 302, "http://a.example/feed#top", 2, visited);

        Assert.Null(step.Target);
        Assert.Contains("loop", step.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301, true, true)]
    [InlineData(308, true, true)]
    [InlineData(302, true, false)]
    [InlineData(303, true, false)]
    [InlineData(307, true, false)]
    [InlineData(300, false, false)]
    [InlineData(304, false, false)]
    public void IsRedirect_Statuses_AreClassified(int status, bool redirect, bool permanent)
    {
        Assert.Equal(redirect, RedirectRules.IsRedirect(status));
        Assert.Equal(permanent, RedirectRules.IsPermanent(status));
    }
}
