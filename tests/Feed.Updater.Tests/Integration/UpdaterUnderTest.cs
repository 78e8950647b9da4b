using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Prefix.ClickHouse;
using Prefix.Redis;
using Prefix.Testing;
using Prefix.Testing.Feeds;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Integration;

/// <summary>
/// The updater as a real process (its built DLL, as ./prefix up starts it) over a private redis-server (the key
/// names are fixed, so tests that share one would see each other's feeds), its own ClickHouse database with the
/// migrations applied, and a scripted feed host on loopback.
/// </summary>
internal sealed class UpdaterUnderTest : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    private readonly Dictionary<string, string> _settings;

    private UpdaterUnderTest(RedisServer redis, RedisConnection connection, ClickHouseClient clickHouse, string database, ScriptedFeedHost feeds, Dictionary<string, string> settings)
    {
        Redis = redis;
        Connection = connection;
        ClickHouse = clickHouse;
        Database = database;
        Feeds = feeds;
        _settings = settings;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public RedisServer Redis { get; }
    public RedisConnection Connection { get; }
    public ClickHouseClient ClickHouse { get; }
    public string Database { get; }
    public ScriptedFeedHost Feeds { get; }
    public HttpClient Http { get; }
    public ServiceHost? Service { get; private set; }
    public Uri BaseUri => Service!.BaseUri;

    public static async Task<UpdaterUnderTest> StartAsync(IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var redis = await RedisServer.StartAsync();
        var connection = await RedisConnection.ConnectAsync(redis.Endpoint);
        var database = "updater_it_" + Guid.NewGuid().ToString("N")[..12];
        var clickHouseUri = await SharedServers.ClickHouseUriAsync();
        using (var admin = new ClickHouseClient(new ClickHouseOptions { Endpoint = clickHouseUri }))
        {
            await ClickHouseMigrator.ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations"), database);
        }

        var clickHouse = new ClickHouseClient(new ClickHouseOptions { Endpoint = clickHouseUri, Database = database });
        var feeds = await ScriptedFeedHost.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis__EndPoint"] = redis.Endpoint,
            ["ClickHouse__Url"] = clickHouseUri.ToString(),
            ["ClickHouse__Database"] = database,
            ["Auth__AdminKey"] = AdminKey,
            ["Auth__RequestsPerMinute"] = "0", // tests send bursts with one key; the limiter has tests of its own
            ["Updater__Fetching__AllowLoopback"] = "true",
            ["Updater__Fetching__Deadline"] = "00:00:02",
            ["Updater__Fetching__ConnectTimeout"] = "00:00:01",
            ["Updater__Webhooks__AllowLoopback"] = "true",
            ["Updater__Webhooks__PollInterval"] = "00:00:00.050",
            ["Updater__Webhooks__RefreshInterval"] = "00:00:00.500",
            ["Updater__Webhooks__InitialBackoff"] = "00:00:00.050",
            ["Updater__Storage__HistoryFlushDelay"] = "00:00:00.020",
            ["Updater__Scheduling__DispatchInterval"] = "00:00:00.100",
            ["Updater__Scheduling__ReapInterval"] = "00:00:01",
            ["Updater__Scheduling__LeaseDuration"] = "00:00:10",
            ["Updater__Probing__IdleDelay"] = "00:00:00.200",
        };
        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var updater = new UpdaterUnderTest(redis, connection, clickHouse, database, feeds, settings);
        await updater.StartServiceAsync();
        return updater;
    }

    /// <summary>Starts (or restarts, on the same port) the updater process.</summary>
    public async Task StartServiceAsync()
    {
        Service = Service is { } previous ? ServiceHost.Start("Feed.Updater", _settings, previous.Port) : ServiceHost.Start("Feed.Updater", _settings);
        await Service.WaitHealthyAsync();
    }

    /// <summary>kill -9: no shutdown handler runs.</summary>
    public void Kill() => Service!.Kill();

    public async Task<Guid> RegisterAsync(Uri feedUrl)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(BaseUri, "v1/feeds"), new { url = feedUrl.AbsoluteUri });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"register answered {(int)response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }

    public async Task<JsonObject> GetFeedAsync(Guid feedId)
    {
        var body = await Http.GetStringAsync(new Uri(BaseUri, $"v1/feeds/{feedId:D}"));
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Makes the feed due now (as if its next check had come), unless it is being polled.</summary>
    public Task MakeDueAsync(Guid feedId) =>
        Connection.ExecuteAsync("ZADD", "feeds:due", "XX", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), feedId.ToString("N"));

    /// <summary>The events of one feed on feeds:changes, in stream order.</summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync(Guid feedId)
    {
        var entries = await Connection.StreamRangeAsync("feeds:changes", "-", "+");
        var id = feedId.ToString("N");
        return [.. entries.Where(e => e["feed"].ToString() == id).Select(e => JsonNode.Parse(e["event"].ToString()!)!.AsObject())];
    }

    /// <summary>Waits until the feed has at least <paramref name="count"/> events; returns them.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForEventsAsync(Guid feedId, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var events = await EventsAsync(feedId);
            if (events.Count >= count)
            {
                return events;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"feed {feedId} has {events.Count} events, expected {count}: {string.Join(", ", events.Select(e => e["eventType"]))}\n{Service?.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the feed's last check is after <paramref name="after"/> (a poll committed); returns the feed view.</summary>
    public async Task<JsonObject> WaitForPollAsync(Guid feedId, DateTimeOffset after, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var feed = await GetFeedAsync(feedId);
            var lastCheck = feed["state"]?["lastCheckAt"]?.GetValue<string>();
            if (lastCheck is not null && DateTimeOffset.Parse(lastCheck, CultureInfo.InvariantCulture) > after && feed["state"]?["polling"]?.GetValue<bool>() == false)
            {
                return feed;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"feed {feedId} was not polled after {after:O}: {feed.ToJsonString()}\n{Service?.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<long> CountAsync(string sql) =>
        await ClickHouse.ExecuteScalarAsync<ulong>(sql) is var count ? (long)count : 0;

    public async Task<double?> DueScoreAsync(Guid feedId) => await Connection.SortedSetScoreAsync("feeds:due", feedId.ToString("N"));

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        Http.Dispose();
        await Feeds.DisposeAsync();
        await ClickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {Database}", new QueryOptions { Database = "default" });
        ClickHouse.Dispose();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
