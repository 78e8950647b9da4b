using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Feed.Updater.Endpoints;
using Feed.Updater.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prefix.Feeds.Events;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Publishing;

public sealed class PublishingEndpointTests(PublishingRedisFixture redis) : IClassFixture<PublishingRedisFixture>
{
    [Fact]
    public async Task Webhooks_CreateListGetDelete_SecretShownOnlyOnCreate()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var api = await Api.StartAsync(db);
        var feed = Guid.NewGuid();

        using var created = await api.Http.PostAsync("v1/webhooks", Json($$"""{"url":"https://example.com/hook","eventTypes":["feed.moved"],"feedIds":["{{feed}}"],"description":"test"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = createdJson.RootElement.GetProperty("id").GetString()!;
        var secret = createdJson.RootElement.GetProperty("secret").GetString()!;
        Assert.Equal(43, secret.Length);
        Assert.Equal("…" + secret[^4..], createdJson.RootElement.GetProperty("secretHint").GetString());
        Assert.Equal("0-0", createdJson.RootElement.GetProperty("startCursor").GetString());
        Assert.Equal("/v1/webhooks/" + id, created.Headers.Location?.ToString());

        var list = await api.Http.GetStringAsync("v1/webhooks");
        using (var listJson = JsonDocument.Parse(list))
        {
            var only = Assert.Single(listJson.RootElement.GetProperty("webhooks").EnumerateArray());
            Assert.Equal(id, only.GetProperty("id").GetString());
            Assert.False(only.TryGetProperty("secret", out _));
        }

        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        var single = await api.Http.GetStringAsync("v1/webhooks/" + id);
        Assert.DoesNotContain(secret, single, StringComparison.Ordinal);
        using (var singleJson = JsonDocument.Parse(single))
        {
            var root = singleJson.RootElement;
            Assert.Equal("https://example.com/hook", root.GetProperty("url").GetString());
            Assert.Equal(FeedEventTypes.Moved, root.GetProperty("eventTypes")[0].GetString());
            Assert.Equal(feed, root.GetProperty("feedIds")[0].GetGuid());
            var delivery = root.GetProperty("delivery");
            Assert.Equal("0-0", delivery.GetProperty("cursor").GetString());
            Assert.Equal(0, delivery.GetProperty("delivered").GetInt64());
            Assert.Equal(0, delivery.GetProperty("deadLetters").GetInt64());
        }

        var deadLetters = await api.Http.GetStringAsync($"v1/webhooks/{id}/dead-letters?limit=5");
        Assert.Equal("""{"deadLetters":[]}""", deadLetters);

        using var deleted = await api.Http.DeleteAsync("v1/webhooks/" + id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await api.Http.DeleteAsync("v1/webhooks/" + id);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var gone = await api.Http.GetAsync("v1/webhooks/" + id);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(id, (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/hook","eventTypes":["feed.nope"]}""", "'feed.nope', which is not an event type")]
    [InlineData("""{"url":"ftp://example.com/hook"}""", "only http and https")]
    [InlineData("""{"eventTypes":[]}""", "url is required")]
    [InlineData("""{"url":""", "the body must be a JSON object")]
    [InlineData("null", "the body must be a JSON object")]
    public async Task CreateWebhook_BadBody_400WithActionableError(string body, string expected)
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var api = await Api.StartAsync(db);

        using var response = await api.Http.PostAsync("v1/webhooks", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_PagedWithCursor_EventsAreTheStoredJsonObjects()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var api = await Api.StartAsync(db);
        var feeds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var stored = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add((await ChangeEvents.AddAsync(db.Connection, feeds[i % 2], i + 1)).Json);
        }

        var first = await GetJsonAsync(api, "v1/changes?limit=3");
        var next = first.GetProperty("nextCursor").GetString();
        var second = await GetJsonAsync(api, $"v1/changes?after={next}&limit=3");
        var caughtUp = await GetJsonAsync(api, $"v1/changes?after={second.GetProperty("nextCursor").GetString()}");
        var oneFeed = await GetJsonAsync(api, $"v1/changes?feedId={feeds[1]:N}");

        var events = first.GetProperty("events").EnumerateArray().Concat(second.GetProperty("events").EnumerateArray()).ToList();
        Assert.Equal(stored, events.Select(e => e.GetRawText()));
        Assert.Empty(caughtUp.GetProperty("events").EnumerateArray());
        Assert.Equal(second.GetProperty("nextCursor").GetString(), caughtUp.GetProperty("nextCursor").GetString());
        Assert.Equal([stored[1], stored[3]], oneFeed.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()));
    }

    [Theory]
    [InlineData("v1/changes?after=yesterday", "after must be a cursor")]
    [InlineData("v1/changes?limit=0", "limit must be between 1 and 1000; got 0")]
    [InlineData("v1/changes?limit=lots", "limit must be a whole number")]
    [InlineData("v1/changes?feedId=abc", "feedId must be a feed id")]
    public async Task Changes_BadQuery_400WithActionableError(string path, string expected)
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var api = await Api.StartAsync(db);

        using var response = await api.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_UnknownWebhook_404()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var api = await Api.StartAsync(db);

        using var response = await api.Http.GetAsync("v1/webhooks/wh_doesnotexist/dead-letters");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> GetJsonAsync(Api api, string path)
    {
        using var response = await api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The publishing endpoints on a real Kestrel, mapped on a /v1 group as the updater maps them.</summary>
    private sealed class Api : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Api(WebApplication app, HttpClient http)
        {
            _app = app;
            Http = http;
        }

        public HttpClient Http { get; }

        public static async Task<Api> StartAsync(TestDatabase db)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The SSRF guard is a stub until the fetch work is merged; the integrator turns it back on.
                ["Updater:Webhooks:AllowLoopback"] = "true",
            });
            builder.Services.AddSingleton(db.Provider);
            builder.Services.AddFeedPublishing(builder.Configuration);
            var app = builder.Build();
            var v1 = app.MapGroup("/v1");
            v1.MapWebhookEndpoints();
            v1.MapChangeEndpoints();
            await app.StartAsync();
            return new Api(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) });
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
