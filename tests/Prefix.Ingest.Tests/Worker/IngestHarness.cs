using Microsoft.Extensions.Logging.Abstractions;
using Prefix.ClickHouse;
using Prefix.Core.Hits;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Redis;
using Prefix.Testing;
using Prefix.Testing.Servers;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Prefix.Ingest.Tests.Worker;

/// <summary>
/// One test's ingest: its own ClickHouse database (the real migrations), its own stream, group and parked
/// stream on the shared Redis, and a <see cref="HitIngestWorker"/> built from the real pieces, run in-process.
/// </summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly RedisConnectionProvider _workerRedis;
    private readonly ClickHouseClient _workerClickHouse;
    private readonly IngestMetrics _metrics = new();

    private IngestHarness(IngestOptions options, string redisEndpoint, RedisConnection redis, ClickHouseClient clickHouse, string database)
    {
        Options = options;
        Redis = redis;
        ClickHouse = clickHouse;
        Database = database;
        _workerRedis = new RedisConnectionProvider(MsOptions.Create(new RedisSettings { EndPoint = redisEndpoint }));
        _workerClickHouse = new ClickHouseClient(new ClickHouseOptions { Endpoint = clickHouse.Options.Endpoint, Database = database });
    }

    public IngestOptions Options { get; }

    /// <summary>The test's own Redis connection (XADD, XPENDING, XREADGROUP as another consumer).</summary>
    public RedisConnection Redis { get; }

    /// <summary>The test's own client on <see cref="Database"/>.</summary>
    public ClickHouseClient ClickHouse { get; }

    public string Database { get; }

    public HitIngestWorker? Worker { get; private set; }

    /// <param name="clickHouse">A private server's address; the shared server when null.</param>
    /// <param name="configure">Test-specific ingest settings on top of short test timings.</param>
    /// <param name="redisEndpoint">A private Redis server's host:port; the shared server when null.</param>
    public static async Task<IngestHarness> CreateAsync(Uri? clickHouse = null, Action<IngestOptions>? configure = null, string? redisEndpoint = null)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var options = new IngestOptions
        {
            Stream = $"test:hits:{suffix}",
            Group = "ingest",
            Consumer = "B",
            ParkedStream = $"test:hits:{suffix}:parked",
            Block = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
            DataDirectory = RepositoryPaths.DataDirectory,
            OwnPrefixHosts = ["pfx.example.net"],
        };
        configure?.Invoke(options);

        var endpoint = clickHouse ?? await SharedServers.ClickHouseUriAsync();
        var database = $"test_ingest_{suffix}";
        using (var admin = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint }))
        {
            // On a client of the server's default database, as Prefix.Migrate runs it: the target does not exist yet.
            await ClickHouseMigrator.ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations"), database);
        }

        var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint, Database = database });

        redisEndpoint ??= await SharedServers.RedisEndpointAsync();
        var redis = await RedisConnection.ConnectAsync(new RedisOptions { EndPoint = redisEndpoint });
        return new IngestHarness(options, redisEndpoint, redis, client, database);
    }

    public async Task StartWorkerAsync()
    {
        var options = MsOptions.Create(Options);
        Worker = new HitIngestWorker(
            options,
            _workerRedis,
            _workerClickHouse,
            new HitIngestMapperFactory(options, TimeProvider.System),
            _metrics,
            TimeProvider.System,
            NullLogger<HitIngestWorker>.Instance);
        await Worker.StartAsync(CancellationToken.None);
    }

    public async Task StopWorkerAsync()
    {
        if (Worker is { } worker)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.StopAsync(timeout.Token);
            worker.Dispose();
            Worker = null;
        }
    }

    /// <summary>XADD stream * h &lt;json&gt;, the way the edge's shipper writes a hit.</summary>
    public Task<string> AddAsync(HitRecord hit) => Redis.StreamAddAsync(Options.Stream, "h", TestHits.Json(hit));

    /// <summary>Adds the hits pipelined on the one connection, in order.</summary>
    public async Task<IReadOnlyList<string>> AddAllAsync(IEnumerable<HitRecord> hits) =>
        await Task.WhenAll(hits.Select(AddAsync));

    public async Task<long> ScalarAsync(string sql) => await ClickHouse.ExecuteScalarAsync<long>(sql);

    public Task<long> RowCountAsync() => ScalarAsync("SELECT count() FROM hits");

    public Task<long> DistinctHitCountAsync() => ScalarAsync("SELECT uniqExact(hit_id) FROM hits");

    public async Task<long> PendingAsync() => (await Redis.StreamPendingAsync(Options.Stream, Options.Group)).PendingMessageCount;

    public async Task<StreamGroupInfo> GroupAsync() =>
        (await Redis.StreamGroupInfoAsync(Options.Stream)).Single(g => g.Name == Options.Group);

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after 30 s.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (Worker?.ExecuteTask is { IsCompleted: true } ended)
            {
                Assert.Fail($"The worker stopped while waiting for {what}: {ended.Exception?.GetBaseException()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Patience.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every entry of the stream is delivered and acknowledged.</summary>
    public Task WaitAllAcknowledgedAsync() =>
        WaitUntilAsync(
            async () =>
            {
                var last = (await Redis.StreamInfoAsync(Options.Stream)).LastGeneratedId;
                var group = (await Redis.StreamGroupInfoAsync(Options.Stream)).SingleOrDefault(g => g.Name == Options.Group);
                return group is { PendingMessageCount: 0 } && StreamIds.Compare(group.LastDeliveredId, last) >= 0;
            },
            "every entry to be acknowledged");

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        try
        {
            await ClickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {Database}", new QueryOptions { Database = "default", Timeout = TimeSpan.FromSeconds(10) });
        }
        catch (ClickHouseException)
        {
            // A private server may be gone already; its directory goes with it.
        }

        await Redis.ExecuteAsync("DEL", Options.Stream, Options.ParkedStream);
        await Redis.DisposeAsync();
        await _workerRedis.DisposeAsync();
        _workerClickHouse.Dispose();
        ClickHouse.Dispose();
        _metrics.Dispose();
    }
}
