using Attribution.Api.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prefix.Geo;
using Prefix.Hosting.Auth;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Redis;
using Prefix.Testing;
using Prefix.Testing.Servers;

namespace Attribution.Api.Tests.Import;

/// <summary>
/// A real Kestrel app on 127.0.0.1 mapping the import endpoints with their real services, writing to a stream
/// of its own on the shared Redis. The geo data is the test class's (loading it per test would be slow).
/// </summary>
internal sealed class ImportApi : IAsyncDisposable
{
    public const string AdminKey = "import-test-admin-key-0123456789";

    public const string SecretHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private readonly WebApplication _app;

    private ImportApi(WebApplication app, HttpClient http, RedisConnection redis, string stream)
    {
        _app = app;
        Http = http;
        Redis = redis;
        Stream = stream;
    }

    public HttpClient Http { get; }

    /// <summary>The test's own connection, to read the stream.</summary>
    public RedisConnection Redis { get; }

    public string Stream { get; }

    public static async Task<ImportApi> StartAsync(GeoLookup geo, IDictionary<string, string?>? settings = null)
    {
        var redisEndpoint = await SharedServers.RedisEndpointAsync();
        var stream = $"test:import:{Guid.NewGuid():N}";
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var configuration = new Dictionary<string, string?>
        {
            ["Redis:EndPoint"] = redisEndpoint,
            ["Auth:AdminKey"] = AdminKey,
            ["Identity:Secret"] = SecretHex,
            ["Identity:KeyId"] = "3",
            ["HitImport:Stream"] = stream,
            ["HitImport:BatchSize"] = "100",
            ["HitImport:DataDirectory"] = RepositoryPaths.DataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddOptions<RedisSettings>().Bind(builder.Configuration.GetSection(RedisSettings.Section));
        builder.Services.AddSingleton<RedisConnectionProvider>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPrefixApiKeys(builder.Configuration);
        builder.Services.AddSingleton(geo);
        builder.Services.AddHitImport(builder.Configuration);
        var app = builder.Build();
        app.MapGroup("/v1").MapHitImportEndpoints();
        await app.StartAsync();
        var redis = await RedisConnection.ConnectAsync(redisEndpoint);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return new ImportApi(app, http, redis, stream);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Redis.ExecuteAsync("DEL", Stream);
        await Redis.DisposeAsync();
        await _app.StopAsync();

        // The geo lookup belongs to the fixture: the container must not dispose it.
        await _app.DisposeAsync();
    }
}
