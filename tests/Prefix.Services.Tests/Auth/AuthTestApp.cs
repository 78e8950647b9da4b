using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prefix.Hosting.Auth;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Testing.Servers;

namespace Prefix.Services.Tests.Auth;

/// <summary>
/// A real Kestrel app on loopback with the key management endpoints and three demo endpoints guarded by
/// RequireScope, over the given Redis and a manual clock.
/// </summary>
internal sealed class AuthTestApp : IAsyncDisposable
{
    public const string AdminKey = "auth-test-admin-key";

    private readonly WebApplication _app;

    private AuthTestApp(WebApplication app, Uri baseUri, ManualClock clock)
    {
        _app = app;
        BaseUri = baseUri;
        Clock = clock;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUri { get; }

    public ManualClock Clock { get; }

    /// <summary>No Authorization header by default: each request says which key it uses.</summary>
    public HttpClient Http { get; }

    public static async Task<AuthTestApp> StartAsync(string redisEndpoint, int requestsPerMinute = 600, int burst = 100)
    {
        var port = FreePort.Next();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:RequestsPerMinute"] = requestsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["Auth:Burst"] = burst.ToString(CultureInfo.InvariantCulture),
            ["Redis:EndPoint"] = redisEndpoint,
            ["Redis:ConnectTimeout"] = "00:00:02",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddOptions<RedisSettings>().Bind(builder.Configuration.GetSection(RedisSettings.Section));
        builder.Services.AddSingleton<RedisConnectionProvider>();
        builder.Services.AddPrefixApiKeys(builder.Configuration);
        var app = builder.Build();
        var v1 = app.MapGroup("/v1");
        v1.MapApiKeyEndpoints();
        v1.MapGet("/demo/read", (HttpContext context) => Results.Text($"hello {context.GetApiKey()!.Name}")).RequireScope(ApiScopes.Read);
        v1.MapPost("/demo/listens", () => Results.Accepted()).RequireScope(ApiScopes.WriteListens);
        v1.MapGet("/demo/shows/{showId:guid}", (Guid showId, HttpContext context) => context.EnsureCanSeeShow(showId) ?? Results.Text($"show {showId}"))
            .RequireScope(ApiScopes.Read);
        await app.StartAsync();
        return new AuthTestApp(app, new Uri($"http://127.0.0.1:{port}/"), clock);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Creates a key through POST /v1/admin/keys with the admin key; returns (key, id).</summary>
    public async Task<(string Key, string Id)> CreateKeyAsync(string name, string[] scopes, Guid[]? shows = null, int? rateLimitPerMinute = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "v1/admin/keys", AdminKey, new { name, scopes, shows, rateLimitPerMinute });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("key").GetString()!, json.RootElement.GetProperty("details").GetProperty("id").GetString()!);
    }

    public static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
