using Feed.Updater.Fetching;
using Prefix.Testing.Feeds;

namespace Feed.Updater.Tests.Fetching;

/// <summary>Redirect chains against a real server: permanence, relative Locations, loops, hop limit, bad targets.</summary>
public sealed class FeedFetcherRedirectTests : IAsyncLifetime
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>moved</title></channel></rss>";
    private ScriptedFeedHost _host = null!;

    public async Task InitializeAsync() => _host = await ScriptedFeedHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task FetchAsync_PermanentRedirectTo200_SetsPermanentTarget(int status)
    {
        _host.Redirect("/old.xml", status, _host.Url("/new.xml").ToString()).ServeXml("/new.xml", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/old.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(_host.Url("/new.xml"), result.FinalUrl);
        Assert.Equal(_host.Url("/new.xml"), result.PermanentRedirectTarget);
    }

    [Fact]
    public async Task FetchAsync_301Then308Then200_IsPermanent()
    {
        _host.Redirect("/a", 301, "/b").Redirect("/b", 308, "/c").ServeXml("/c", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/a")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(_host.Url("/c"), result.PermanentRedirectTarget);
    }

    [Fact]
    public async Task FetchAsync_302Then301_IsNotPermanent()
    {
        _host.Redirect("/a", 302, "/b").Redirect("/b", 301, "/c").ServeXml("/c", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/a")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(_host.Url("/c"), result.FinalUrl);
        Assert.Null(result.PermanentRedirectTarget);
    }

    [Fact]
    public async Task FetchAsync_PermanentRedirectTo304_KeepsPermanentTarget()
    {
        _host.Redirect("/old.xml", 301, "/new.xml").ServeXml("/new.xml", Rss, "\"e\"");
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(new FeedFetchRequest(_host.Url("/old.xml"), "\"e\"", null, false), CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, result.Outcome);
        Assert.Equal(_host.Url("/new.xml"), result.PermanentRedirectTarget);
        Assert.Equal("\"e\"", _host.RequestsTo("/new.xml")[0].Header("If-None-Match"));
    }

    [Fact]
    public async Task FetchAsync_PermanentRedirectTo404_ProposesNoMove()
    {
        _host.Redirect("/old.xml", 301, "/missing.xml");
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/old.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.ClientError, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        Assert.Equal(_host.Url("/missing.xml"), result.FinalUrl);
        Assert.Null(result.PermanentRedirectTarget);
    }

    [Fact]
    public async Task FetchAsync_RelativeLocation_IsResolvedAgainstTheCurrentUrl()
    {
        _host.Redirect("/shows/one/feed", 302, "rss.xml").Redirect("/shows/one/rss.xml", 307, "../two/rss.xml?x=1").ServeXml("/shows/two/rss.xml", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/shows/one/feed")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(_host.Url("/shows/two/rss.xml?x=1"), result.FinalUrl);
        Assert.Equal("?x=1", _host.RequestsTo("/shows/two/rss.xml")[0].QueryString);
    }

    [Fact]
    public async Task FetchAsync_Loop_IsBadRedirect()
    {
        _host.Redirect("/a", 302, "/b").Redirect("/b", 302, "/a");
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/a")), CancellationToken.None);

        Assert.Equal(FetchOutcome.BadRedirect, result.Outcome);
        Assert.Contains("hop 2", result.Error, StringComparison.Ordinal);
        Assert.Contains("loop", result.Error, StringComparison.Ordinal);
        Assert.Single(_host.RequestsTo("/a"));
    }

    [Theory]
    [InlineData(5, nameof(FetchOutcome.Content))]
    [InlineData(6, nameof(FetchOutcome.BadRedirect))]
    public async Task FetchAsync_HopCount_AtMostFiveAreFollowed(int hops, string expectedName)
    {
        var expected = Enum.Parse<FetchOutcome>(expectedName);
        for (var i = 0; i < hops; i++)
        {
            _host.Redirect($"/hop{i}", 302, $"/hop{i + 1}");
        }

        _host.ServeXml($"/hop{hops}", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/hop0")), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        if (expected == FetchOutcome.BadRedirect)
        {
            Assert.Contains("more than 5 redirects (Updater:Fetching:MaxRedirects)", result.Error, StringComparison.Ordinal);
            Assert.Empty(_host.RequestsTo($"/hop{hops}"));
        }
    }

    [Fact]
    public async Task FetchAsync_FtpLocation_IsBadRedirect()
    {
        _host.Redirect("/feed.xml", 301, "ftp://files.example.com/feed.xml");
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.BadRedirect, result.Outcome);
        Assert.Equal(301, result.StatusCode);
        Assert.Contains("hop 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("not an http or https URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_RedirectWithoutLocation_IsBadRedirect()
    {
        _host.Status("/feed.xml", 302);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.BadRedirect, result.Outcome);
        Assert.Contains("no Location", result.Error, StringComparison.Ordinal);
    }
}
