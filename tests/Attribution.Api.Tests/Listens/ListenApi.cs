using Prefix.Hosting.Auth;
using Attribution.Api.Listens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prefix.Testing.Servers;

namespace Attribution.Api.Tests.Listens;

/// <summary>A real Kestrel app on loopback mapping only the listen endpoints, over the test's database and clock.</summary>
internal sealed class ListenApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ListenApi(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public const string AdminKey = "listens-test-admin-key";

    public HttpClient Http { get; }

    public static async Task<ListenApi> StartAsync(ListenDatabase db, TimeProvider clock, int maxEventsPerBatch = 10_000)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Listens:MaxEventsPerBatch"] = maxEventsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:RequestsPerMinute"] = "0",
        });
        builder.Services.AddSingleton(db.Client);
        builder.Services.AddSingleton(clock);
        builder.Services.AddListens(builder.Configuration);

        // The endpoints carry their scopes; the admin key holds them all (no Redis is touched for it).
        builder.Services.AddOptions<Prefix.Hosting.Configuration.RedisSettings>();
        builder.Services.AddSingleton<Prefix.Hosting.Health.RedisConnectionProvider>();
        builder.Services.AddPrefixApiKeys(builder.Configuration);
        var app = builder.Build();
        app.MapGroup("/v1").MapListenEndpoints();
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return new ListenApi(app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
