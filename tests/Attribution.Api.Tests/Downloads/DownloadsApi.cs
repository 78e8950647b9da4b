using System.Net.Http.Headers;
using Attribution.Api.Audience;
using Attribution.Api.Downloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prefix.ClickHouse;
using Prefix.Hosting.Auth;
using Prefix.Testing;
using Prefix.Testing.Servers;

namespace Attribution.Api.Tests.Downloads;

/// <summary>
/// The counting endpoints on a real Kestrel over a ClickHouse database of their own (every migration applied):
/// tests write rows into <c>hits</c>, <c>episodes</c> and <c>enclosure_probes</c> and read the answers.
/// </summary>
public sealed class DownloadsApi : IAsyncLifetime
{
    public const string AdminKey = "downloads-test-admin-key";
    private WebApplication? _app;

    public string Database { get; } = "downloads_it_" + Guid.NewGuid().ToString("N")[..12];
    public ClickHouseClient ClickHouse { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var endpoint = await SharedServers.ClickHouseUriAsync();
        using (var admin = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint }))
        {
            await ClickHouseMigrator.ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations"), Database);
        }

        ClickHouse = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint, Database = Database });
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:AdminKey"] = AdminKey, ["Auth:RequestsPerMinute"] = "0" });
        builder.Services.AddSingleton(ClickHouse);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<Prefix.Hosting.Configuration.RedisSettings>();
        builder.Services.AddSingleton<Prefix.Hosting.Health.RedisConnectionProvider>();
        builder.Services.AddPrefixApiKeys(builder.Configuration);
        builder.Services.AddDownloads(builder.Configuration);
        _app = builder.Build();
        _app.MapGroup("/v1").MapDownloadEndpoints().MapAudienceEndpoints().MapRawHitEndpoints();
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await ClickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(Database)}", new QueryOptions { Database = "default" });
        ClickHouse.Dispose();
    }

    /// <summary>Inserts hits as the ingest writes them (only the columns counting reads; the rest default).</summary>
    public Task InsertHitsAsync(IEnumerable<TestHit> hits) =>
        ClickHouse.InsertAsync("hits",
            ["hit_id", "ts", "ts_ms", "method", "episode_key", "listener_key", "household_key", "user_agent", "range", "is_bot", "bot_reason", "status", "app", "country", "source", "ingested_at"],
            hits.Select(h => new object?[]
            {
                Guid.CreateVersion7(h.Time), h.Time, (ulong)h.Time.ToUnixTimeMilliseconds(), h.Method, h.EpisodeKey, h.ListenerKey, h.Household, h.UserAgent, h.Range,
                h.IsBot ? (byte)1 : (byte)0, h.IsBot ? "bot_ua" : string.Empty, (ushort)h.Status, h.App, "US", "edge", DateTimeOffset.UtcNow,
            }).ToList());

    public Task InsertEpisodeAsync(Guid showId, Guid episodeId, string episodeKey, long length, double durationSec, string title = "Episode") =>
        ClickHouse.InsertAsync("episodes",
            ["show_id", "episode_id", "feed_id", "guid", "title", "enclosure_url", "episode_key", "enclosure_length", "duration_sec", "published_at", "season", "episode_number", "version", "updated_at"],
            [[showId, episodeId, showId, episodeId.ToString(), title, "https://" + episodeKey, episodeKey, length, durationSec, DateTimeOffset.UtcNow.AddDays(-3), -1, -1, 1UL, DateTimeOffset.UtcNow]]);
}

/// <summary>One hit row for the tests.</summary>
public sealed record TestHit(DateTimeOffset Time, string EpisodeKey, string ListenerKey, string UserAgent = "Overcast/3.0", string Range = "",
    string Method = "GET", int Status = 0, bool IsBot = false, string Household = "household-1", string App = "Overcast");
