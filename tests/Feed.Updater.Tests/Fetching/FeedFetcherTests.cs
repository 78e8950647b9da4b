using System.Diagnostics;
using System.Globalization;
using System.Text;
using Feed.Updater.Fetching;
using Microsoft.AspNetCore.Http;
using Prefix.Testing.Feeds;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The fetcher against a real Kestrel on 127.0.0.1: headers sent, status mapping, validators, deadlines, reuse.</summary>
public sealed class FeedFetcherTests : IAsyncLifetime
{
    private const string Rss = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    private ScriptedFeedHost _host = null!;

    public async Task InitializeAsync() => _host = await ScriptedFeedHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FetchAsync_200_ReturnsBodyAndStoresValidatorsVerbatim()
    {
        _host.Map("/odd.xml", async ctx =>
        {
            // Odd but real validators: a weak ETag with spaces and a Last-Modified that is not an HTTP-date.
            ctx.Response.Headers.ETag = "W/\"abc 123\"";
            ctx.Response.Headers.LastModified = "yesterday-ish, 2024";
            ctx.Response.ContentType = "application/rss+xml; charset=utf-8";
            await ctx.Response.WriteAsync(Rss);
        });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/odd.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Rss, Encoding.UTF8.GetString(result.Body!));
        Assert.Equal("W/\"abc 123\"", result.ETag);
        Assert.Equal("yesterday-ish, 2024", result.LastModified);
        Assert.Equal("application/rss+xml; charset=utf-8", result.ContentType);
        Assert.Equal(_host.Url("/odd.xml"), result.FinalUrl);
        Assert.Null(result.PermanentRedirectTarget);
        Assert.Null(result.Error);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task FetchAsync_AnyRequest_SendsFeedHeadersAndStableUserAgent()
    {
        _host.ServeXml("/feed.xml", Rss);
        using var fetcher = TestFetchers.Fetcher();

        await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/feed.xml")), CancellationToken.None);

        var sent = Assert.Single(_host.RequestsTo("/feed.xml"));
        Assert.Equal("GET", sent.Method);
        Assert.Equal("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5", sent.Header("Accept"));
        Assert.Equal("gzip, deflate, br", sent.Header("Accept-Encoding"));
        Assert.Equal("PrefixFeedUpdater/1.0 (+https://github.com/prefix-analytics/prefix)", sent.Header("User-Agent"));
        Assert.Null(sent.Header("If-None-Match"));
        Assert.Null(sent.Header("Cookie"));
    }

    [Fact]
    public async Task FetchAsync_Conditional_SendsValidatorsVerbatimAnd304IsNotModified()
    {
        const string etag = "\"v1-gzip\"";
        const string lastModified = "Tue, 15 Nov 1994 12:45:26 GMT";
        _host.ServeXml("/feed.xml", Rss, etag, lastModified);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(new FeedFetchRequest(_host.Url("/feed.xml"), etag, lastModified, Unconditional: false), CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, result.Outcome);
        Assert.Equal(304, result.StatusCode);
        Assert.Null(result.Body);
        Assert.Equal(etag, result.ETag);
        var sent = Assert.Single(_host.RequestsTo("/feed.xml"));
        Assert.Equal(etag, sent.Header("If-None-Match"));
        Assert.Equal(lastModified, sent.Header("If-Modified-Since"));
    }

    [Fact]
    public async Task FetchAsync_OddValidators_SentExactlyAsStored()
    {
        _host.ServeXml("/feed.xml", Rss);
        using var fetcher = TestFetchers.Fetcher();

        await fetcher.FetchAsync(new FeedFetchRequest(_host.Url("/feed.xml"), "unquoted etag", "not a date", Unconditional: false), CancellationToken.None);

        var sent = Assert.Single(_host.RequestsTo("/feed.xml"));
        Assert.Equal("unquoted etag", sent.Header("If-None-Match"));
        Assert.Equal("not a date", sent.Header("If-Modified-Since"));
    }

    [Fact]
    public async Task FetchAsync_ValidatorWithLineBreak_IsNotSent()
    {
        _host.ServeXml("/feed.xml", Rss);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(new FeedFetchRequest(_host.Url("/feed.xml"), "\"a\"\r\nX-Injected: 1", "Tue, 15 Nov 1994 12:45:26 GMT", Unconditional: false), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        var sent = Assert.Single(_host.RequestsTo("/feed.xml"));
        Assert.Null(sent.Header("If-None-Match"));
        Assert.Null(sent.Header("X-Injected"));
        Assert.Equal("Tue, 15 Nov 1994 12:45:26 GMT", sent.Header("If-Modified-Since"));
    }

    [Theory]
    [InlineData("ftp://feeds.example.com/feed.xml")]
    [InlineData("file:///etc/passwd")]
    public async Task FetchAsync_NotHttpUrl_IsAClientErrorNotAnException(string url)
    {
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(new Uri(url)), CancellationToken.None);

        Assert.Equal(FetchOutcome.ClientError, result.Outcome);
        Assert.Contains("not an absolute http or https URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_Unconditional_SendsNoValidators()
    {
        _host.ServeXml("/feed.xml", Rss, "\"v1\"", "Tue, 15 Nov 1994 12:45:26 GMT");
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(new FeedFetchRequest(_host.Url("/feed.xml"), "\"v1\"", "Tue, 15 Nov 1994 12:45:26 GMT", Unconditional: true), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        var sent = Assert.Single(_host.RequestsTo("/feed.xml"));
        Assert.Null(sent.Header("If-None-Match"));
        Assert.Null(sent.Header("If-Modified-Since"));
    }

    [Theory]
    [InlineData(410, nameof(FetchOutcome.Gone))]
    [InlineData(404, nameof(FetchOutcome.ClientError))]
    [InlineData(403, nameof(FetchOutcome.ClientError))]
    [InlineData(400, nameof(FetchOutcome.ClientError))]
    [InlineData(429, nameof(FetchOutcome.RateLimited))]
    [InlineData(503, nameof(FetchOutcome.RateLimited))]
    [InlineData(500, nameof(FetchOutcome.ServerError))]
    [InlineData(502, nameof(FetchOutcome.ServerError))]
    [InlineData(204, nameof(FetchOutcome.Content))]
    public async Task FetchAsync_Status_MapsToOutcome(int status, string expectedName)
    {
        var expected = Enum.Parse<FetchOutcome>(expectedName);
        _host.Status("/s", status);
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/s")), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        if (expected != FetchOutcome.Content)
        {
            Assert.Contains(status.ToString(CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
            Assert.Null(result.Body);
        }
    }

    [Fact]
    public async Task FetchAsync_429WithDeltaSeconds_RetryAfterIsParsed()
    {
        _host.Status("/busy", 429, new Dictionary<string, string> { ["Retry-After"] = "120" });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/busy")), CancellationToken.None);

        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Contains("120 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_503WithHttpDate_RetryAfterIsRelativeToTheClock()
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var at = now.AddMinutes(7).ToString("r", CultureInfo.InvariantCulture);
        _host.Status("/busy", 503, new Dictionary<string, string> { ["Retry-After"] = at });
        using var fetcher = TestFetchers.Fetcher(time: new FixedClock(now));

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/busy")), CancellationToken.None);

        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(7), result.RetryAfter);
    }

    [Theory]
    [InlineData("max-age=300, s-maxage=9000", null, null, 300)]
    [InlineData("max-age=300", 0, 600, 600)]
    [InlineData("public, max-age=900", 0, 600, 900)]
    [InlineData(null, 0, 3600, 3600)]
    [InlineData(null, 600, 0, null)]
    [InlineData("no-cache", null, null, null)]
    public async Task FetchAsync_CacheHeaders_LifetimeIsLongestOfMaxAgeAndExpiresMinusDate(string? cacheControl, int? dateOffset, int? expiresOffset, int? expectedSeconds)
    {
        var origin = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        _host.Map("/cached.xml", async ctx =>
        {
            if (cacheControl is not null)
            {
                ctx.Response.Headers.CacheControl = cacheControl;
            }

            if (dateOffset is { } d)
            {
                ctx.Response.Headers.Date = origin.AddSeconds(d).ToString("r", CultureInfo.InvariantCulture);
            }

            if (expiresOffset is { } e)
            {
                ctx.Response.Headers.Expires = origin.AddSeconds(e).ToString("r", CultureInfo.InvariantCulture);
            }

            await ctx.Response.WriteAsync(Rss);
        });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/cached.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, result.CacheLifetime);
    }

    [Fact]
    public async Task FetchAsync_SlowHeaders_TimesOutAtTheDeadline()
    {
        _host.Map("/slow.xml", async ctx => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted));
        using var fetcher = TestFetchers.Fetcher(o => o.Deadline = TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/slow.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Contains("Updater:Fetching:Deadline", result.Error, StringComparison.Ordinal);
        Assert.Contains("headers", result.Error, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task FetchAsync_TricklingBody_TimesOutAtTheDeadline()
    {
        _host.Map("/trickle.xml", async ctx =>
        {
            ctx.Response.ContentLength = 1000;
            await ctx.Response.Body.WriteAsync(new byte[100], ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        });
        using var fetcher = TestFetchers.Fetcher(o => o.Deadline = TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/trickle.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Contains("reading the body", result.Error, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _host.Map("/slow.xml", async ctx => await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted));
        using var fetcher = TestFetchers.Fetcher();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(TestFetchers.Get(_host.Url("/slow.xml")), cancel.Token));
    }

    [Fact]
    public async Task FetchAsync_NobodyListening_NetworkErrorNamesTheRefusal()
    {
        var port = FreePort.Next();
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(new Uri($"http://127.0.0.1:{port}/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.NetworkError, result.Outcome);
        Assert.Equal(0, result.StatusCode);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_FiftySequentialFetches_ReuseOneConnection()
    {
        _host.ServeXml("/feed.xml", Rss, "\"v1\"");
        using var fetcher = TestFetchers.Fetcher();
        var request = TestFetchers.Get(_host.Url("/feed.xml"));

        for (var i = 0; i < 50; i++)
        {
            var result = await fetcher.FetchAsync(i % 2 == 0 ? request : request with { ETag = "\"v1\"" }, CancellationToken.None);
            Assert.Equal(i % 2 == 0 ? FetchOutcome.Content : FetchOutcome.NotModified, result.Outcome);
        }

        Assert.Equal(1, _host.ConnectionsAccepted);
        Assert.Single(_host.RequestsTo("/feed.xml").Select(r => r.ConnectionId).Distinct());
    }
}
