using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Feed.Updater.Tests.Integration;

/// <summary>Every /v1 endpoint refuses a missing key (401) and a key without its scope (403), with a reason; OpenAPI is served.</summary>
public sealed class AccessTests(UpdaterFixture fixture) : IClassFixture<UpdaterFixture>
{
    private static readonly Guid SomeFeed = Guid.Parse("9b6c4b4e-4a5f-5a3e-9a38-1f8e3c1b2d7a");

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "v1/feeds", "feeds:write" },
        { "POST", "v1/feeds/import", "feeds:write" },
        { "GET", "v1/feeds?url=https://example.com/feed.xml", "feeds:read" },
        { "GET", $"v1/feeds/{SomeFeed}", "feeds:read" },
        { "GET", $"v1/feeds/{SomeFeed}/episodes", "feeds:read" },
        { "POST", $"v1/feeds/{SomeFeed}/poll", "feeds:write" },
        { "DELETE", $"v1/feeds/{SomeFeed}", "feeds:write" },
        { "POST", "v1/parse", "feeds:read" },
        { "GET", "v1/changes", "feeds:read" },
        { "POST", "v1/webhooks", "webhooks" },
        { "GET", "v1/webhooks", "webhooks" },
        { "GET", "v1/webhooks/wh_x", "webhooks" },
        { "DELETE", "v1/webhooks/wh_x", "webhooks" },
        { "GET", "v1/webhooks/wh_x/dead-letters", "webhooks" },
        { "POST", "v1/admin/keys", "admin" },
        { "GET", "v1/admin/keys", "admin" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutKeyOrScope_401Then403WithReasons(string method, string path, string scope)
    {
        var updater = fixture.Updater;
        using var anonymous = new HttpClient();
        using var noKey = await anonymous.SendAsync(Request(method, new Uri(updater.BaseUri, path)));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Contains("API key", JsonNode.Parse(await noKey.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var otherScope = scope == "webhooks" ? "feeds:read" : "webhooks";
        var key = await CreateKeyAsync(otherScope);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var wrongScope = await client.SendAsync(Request(method, new Uri(updater.BaseUri, path)));
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Contains(scope, JsonNode.Parse(await wrongScope.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var rightKey = await CreateKeyAsync(scope);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", rightKey);
        using var allowed = await client.SendAsync(Request(method, new Uri(updater.BaseUri, path)));
        Assert.NotEqual(HttpStatusCode.Unauthorized, allowed.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheFeedEndpoints()
    {
        using var anonymous = new HttpClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri(fixture.Updater.BaseUri, "openapi/v1.json")))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/feeds", paths);
        Assert.Contains("/v1/feeds/{id}/episodes", paths);
        Assert.Contains("/v1/parse", paths);
        Assert.Contains("/v1/changes", paths);
        Assert.Contains("/v1/webhooks", paths);
    }

    [Fact]
    public async Task Parse_FeedDocument_ReturnsNormalizedJsonWithoutStoringIt()
    {
        var updater = fixture.Updater;
        using var content = new StringContent(TestFeeds.Rss("Parsed Only", 2), System.Text.Encoding.UTF8, "application/rss+xml");
        using var response = await updater.Http.PostAsync(new Uri(updater.BaseUri, "v1/parse?url=https://feeds.example.com/parsed.xml"), content);
        var feed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Parsed Only", feed["title"]!.GetValue<string>());
        Assert.Equal(2, feed["episodes"]!.AsArray().Count);
        Assert.Equal(0, (await updater.Connection.ExecuteAsync("HLEN", "feeds:byurl")).AsInt64());

        using var html = new StringContent(TestFeeds.LoginPage, System.Text.Encoding.UTF8, "text/html");
        using var refused = await updater.Http.PostAsync(new Uri(updater.BaseUri, "v1/parse"), html);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    private async Task<string> CreateKeyAsync(string scope)
    {
        var updater = fixture.Updater;
        using var response = await updater.Http.PostAsJsonAsync(new Uri(updater.BaseUri, "v1/admin/keys"), new { name = "test " + scope, scopes = new[] { scope } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    private static HttpRequestMessage Request(string method, Uri uri) => new(new HttpMethod(method), uri)
    {
        Content = method is "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null,
    };
}
