using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Feed.Updater.Tests.Integration;

/// <summary>
/// A real updater process polling a scripted feed host: each HTTP behaviour of FEEDS.md leads to the documented
/// state, next check and events (docs/FEEDS-UPDATER.md "States", "Moves").
/// </summary>
public sealed class PollingTests(UpdaterFixture fixture) : IClassFixture<UpdaterFixture>
{
    private readonly UpdaterUnderTest _updater = fixture.Updater;

    [Fact]
    public async Task Register_NewFeed_FirstPollPublishesEventsStoresEpisodesAndState()
    {
        var feeds = _updater.Feeds;
        feeds.ServeXml("/first.xml", TestFeeds.Rss("First Show", 3), etag: "\"v1\"");
        var id = await _updater.RegisterAsync(feeds.Url("/first.xml"));

        var events = await _updater.WaitForEventsAsync(id, 3);
        Assert.Equal(["feed.registered", "feed.metadata_changed", "episodes.changed"], events.Select(e => e["eventType"]!.GetValue<string>()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e["sequence"]!.GetValue<long>()));
        var added = events[2]["episodes"]!["added"]!.AsArray();
        Assert.Equal(3, added.Count);
        Assert.Contains("title", events[1]["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()));

        var feed = await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);
        Assert.Equal("First Show", feed["title"]!.GetValue<string>());
        Assert.Equal("active", feed["state"]!["status"]!.GetValue<string>());
        Assert.Equal("\"v1\"", feed["state"]!["etag"]!.GetValue<string>());
        Assert.Equal(200, feed["state"]!["lastHttpStatus"]!.GetValue<int>());
        var next = DateTimeOffset.Parse(feed["state"]!["nextCheckAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)); // 15 min tier ± 25 %

        Assert.Equal(3, await _updater.CountAsync($"SELECT count() FROM episodes FINAL WHERE feed_id = toUUID('{id:D}') AND removed = 0"));
        // The episode key is the enclosure URL normalized as the ingest normalizes hit URLs (tracking parameters gone).
        Assert.Equal(1, await _updater.CountAsync($"SELECT count() FROM episodes WHERE feed_id = toUUID('{id:D}') AND episode_key = 'media.example.com/First%20Show/ep3.mp3'"));
        var episodes = JsonNode.Parse(await _updater.Http.GetStringAsync(new Uri(_updater.BaseUri, $"v1/feeds/{id:D}/episodes")))!["episodes"]!.AsArray();
        Assert.Equal(["Episode 3", "Episode 2", "Episode 1"], episodes.Select(e => e!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Poll_SameValidators_SendsThemVerbatimAndPublishesNothing()
    {
        var feeds = _updater.Feeds;
        feeds.ServeXml("/cond.xml", TestFeeds.Rss("Conditional", 2), etag: "W/\"odd etag\"", lastModified: "Sun, 01 Nov 2026 10:00:00 GMT");
        var id = await _updater.RegisterAsync(feeds.Url("/cond.xml"));
        await _updater.WaitForEventsAsync(id, 3);
        var first = await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);

        var before = DateTimeOffset.UtcNow;
        await _updater.MakeDueAsync(id);
        var feed = await _updater.WaitForPollAsync(id, before);

        var request = feeds.RequestsTo("/cond.xml")[^1];
        Assert.Equal("W/\"odd etag\"", request.Header("If-None-Match"));
        Assert.Equal("Sun, 01 Nov 2026 10:00:00 GMT", request.Header("If-Modified-Since"));
        Assert.Equal(304, feed["state"]!["lastHttpStatus"]!.GetValue<int>());
        Assert.Equal(first["state"]!["sequence"]!.GetValue<long>(), feed["state"]!["sequence"]!.GetValue<long>());
        Assert.Equal(3, (await _updater.EventsAsync(id)).Count);
    }

    [Fact]
    public async Task Poll_NewEpisode_OneEpisodesChangedEventWithTheNewEpisode()
    {
        var feeds = _updater.Feeds;
        feeds.ServeXml("/grow.xml", TestFeeds.Rss("Growing", 2), etag: "\"a\"");
        var id = await _updater.RegisterAsync(feeds.Url("/grow.xml"));
        await _updater.WaitForEventsAsync(id, 3);
        await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);

        feeds.ServeXml("/grow.xml", TestFeeds.Rss("Growing", 3, DateTimeOffset.UtcNow.AddMinutes(-5)), etag: "\"b\"");
        await _updater.MakeDueAsync(id);
        var events = await _updater.WaitForEventsAsync(id, 4);

        var change = events[3];
        Assert.Equal("episodes.changed", change["eventType"]!.GetValue<string>());
        Assert.Equal(4, change["sequence"]!.GetValue<long>());
        var added = change["episodes"]!["added"]!.AsArray();
        Assert.Single(added);
        Assert.Equal("Growing-ep-3", added[0]!["guid"]!.GetValue<string>());
        Assert.Equal(3, await _updater.CountAsync($"SELECT count() FROM episodes FINAL WHERE feed_id = toUUID('{id:D}')"));
    }

    [Fact]
    public async Task Poll_Gone_MarksGoneUnschedulesAndPublishesStatus()
    {
        var id = await RegisterFailingAsync("/gone.xml", ctx => { ctx.Response.StatusCode = 410; return Task.CompletedTask; });
        var feed = await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);
        Assert.Equal("gone", feed["state"]!["status"]!.GetValue<string>());
        Assert.Null(await _updater.DueScoreAsync(id));
        var events = await _updater.WaitForEventsAsync(id, 2);
        Assert.Equal("feed.status_changed", events[1]["eventType"]!.GetValue<string>());
        Assert.Equal("gone", events[1]["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Poll_RateLimited_NextCheckHonoursRetryAfter()
    {
        var id = await RegisterFailingAsync("/limited.xml", ctx =>
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.RetryAfter = "7200";
            return Task.CompletedTask;
        });
        var feed = await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);
        var next = DateTimeOffset.Parse(feed["state"]!["nextCheckAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(next >= DateTimeOffset.UtcNow.AddHours(2).AddMinutes(-1), $"next check {next:O} is before Retry-After");
        Assert.Equal(1, feed["state"]!["consecutiveErrors"]!.GetValue<int>());
        Assert.Equal("active", feed["state"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("server-error", "500")]
    [InlineData("timeout", "deadline")]
    [InlineData("bomb", "MB")]
    [InlineData("loop", "loop")]
    [InlineData("html", "Html")]
    public async Task Poll_Failure_CountsErrorWithReasonAndBacksOff(string behaviour, string reasonContains)
    {
        var path = $"/fail-{behaviour}.xml";
        RequestDelegate handler = behaviour switch
        {
            "server-error" => ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; },
            "timeout" => async ctx => { await Task.Delay(TimeSpan.FromSeconds(6), ctx.RequestAborted); },
            "bomb" => async ctx =>
            {
                ctx.Response.Headers.ContentEncoding = "gzip";
                ctx.Response.ContentType = "application/rss+xml";
                await ctx.Response.Body.WriteAsync(GzipBomb.Value, ctx.RequestAborted);
            },
            "loop" => ctx => { ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = path + "?again"; return Task.CompletedTask; },
            _ => async ctx => { ctx.Response.ContentType = "text/html"; await ctx.Response.WriteAsync(TestFeeds.LoginPage, ctx.RequestAborted); },
        };
        var id = await RegisterFailingAsync(path, handler);
        var feed = await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(30));
        var state = feed["state"]!;
        Assert.Equal(1, state["consecutiveErrors"]!.GetValue<int>());
        Assert.Contains(reasonContains, state["lastError"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var next = DateTimeOffset.Parse(state["nextCheckAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(next > DateTimeOffset.UtcNow.AddMinutes(10), $"next check {next:O} too soon for a failed feed");
        Assert.Single(await _updater.EventsAsync(id)); // only feed.registered
    }

    [Fact]
    public async Task Poll_HtmlAfterGoodParse_KeepsLastGoodSnapshotAndErringAfterThree()
    {
        var feeds = _updater.Feeds;
        feeds.ServeXml("/flaky.xml", TestFeeds.Rss("Flaky Show", 2));
        var id = await _updater.RegisterAsync(feeds.Url("/flaky.xml"));
        await _updater.WaitForEventsAsync(id, 3);
        await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);

        feeds.ServeBytes("/flaky.xml", System.Text.Encoding.UTF8.GetBytes(TestFeeds.LoginPage), "text/html");
        JsonObject feed = null!;
        for (var poll = 0; poll < 3; poll++)
        {
            var before = DateTimeOffset.UtcNow;
            await _updater.MakeDueAsync(id);
            feed = await _updater.WaitForPollAsync(id, before);
        }

        Assert.Equal("Flaky Show", feed["title"]!.GetValue<string>());
        Assert.Equal(3, feed["state"]!["consecutiveErrors"]!.GetValue<int>());
        Assert.Equal("erroring", feed["state"]!["status"]!.GetValue<string>());
        var events = await _updater.EventsAsync(id);
        Assert.Equal("feed.status_changed", events[^1]["eventType"]!.GetValue<string>());
        Assert.Equal(2, await _updater.CountAsync($"SELECT count() FROM episodes FINAL WHERE feed_id = toUUID('{id:D}') AND removed = 0"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task Poll_PermanentRedirectThreeTimes_MovesTheFeed(int status)
    {
        var feeds = _updater.Feeds;
        var oldPath = $"/old-{status}.xml";
        var newPath = $"/new-{status}.xml";
        feeds.ServeXml(newPath, TestFeeds.Rss($"Moving {status}", 2));
        feeds.Redirect(oldPath, status, newPath);
        var id = await _updater.RegisterAsync(feeds.Url(oldPath));
        await _updater.WaitForEventsAsync(id, 3);
        await _updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);
        for (var poll = 0; poll < 2; poll++)
        {
            var before = DateTimeOffset.UtcNow;
            await _updater.MakeDueAsync(id);
            await _updater.WaitForPollAsync(id, before);
        }

        var events = await _updater.WaitForEventsAsync(id, 4);
        var moved = events[3];
        Assert.Equal("feed.moved", moved["eventType"]!.GetValue<string>());
        Assert.Equal(feeds.Url(newPath).AbsoluteUri, moved["url"]!.GetValue<string>());
        Assert.Equal(feeds.Url(oldPath).AbsoluteUri, moved["previousUrl"]!.GetValue<string>());
        var feed = await _updater.GetFeedAsync(id);
        Assert.Equal(feeds.Url(newPath).AbsoluteUri, feed["url"]!.GetValue<string>());
        // The feed keeps its id: registering the new URL finds it.
        Assert.Equal(id, await _updater.RegisterAsync(feeds.Url(newPath)));
    }

    [Fact]
    public async Task NewEpisodes_EnclosuresProbed_Id3SizeAndLengthStored()
    {
        var feeds = _updater.Feeds;
        // An ID3v2.3 tag of 1,000 bytes (syncsafe 0x00 0x00 0x07 0x68) → audio starts at 1,010.
        byte[] head = [(byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0x00, 0x00, 0x07, 0x68];
        feeds.Map("/Probed/ep1.mp3", async context =>
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = "bytes 0-9/5000000";
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
        });
        feeds.ServeXml("/probed.xml", TestFeeds.Rss("Probed", 1, mediaBase: feeds.BaseUri.AbsoluteUri.TrimEnd('/')));
        var id = await _updater.RegisterAsync(feeds.Url("/probed.xml"));
        await _updater.WaitForEventsAsync(id, 3);

        var key = $"127.0.0.1:{feeds.Port}/Probed/ep1.mp3";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _updater.CountAsync($"SELECT count() FROM enclosure_probes WHERE id3_size = 1010 AND content_length = 5000000 AND http_status = 206") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no probe row: " + string.Join(" | ", feeds.RequestsTo("/Probed/ep1.mp3").Select(r => r.Header("Range"))));
            await Task.Delay(200);
        }

        Assert.Equal("bytes=0-9", feeds.RequestsTo("/Probed/ep1.mp3")[0].Header("Range"));
        Assert.Equal(1, await _updater.CountAsync($"SELECT count() FROM enclosure_probes WHERE episode_key = '{key}'"));
    }

    private async Task<Guid> RegisterFailingAsync(string path, RequestDelegate handler)
    {
        _updater.Feeds.Map(path, handler);
        return await _updater.RegisterAsync(_updater.Feeds.Url(path));
    }

    /// <summary>64 MB of zeros, gzip-compressed to about 64 KB: past the 30 MB decoded-size cap.</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    });
}
