using System.Globalization;
using Prefix.Testing.Servers;

namespace Prefix.Testing.Pipeline;

/// <summary>
/// The whole hit pipeline as real processes on loopback: a private Redis, ClickHouse (the shared one or a
/// private one that a test may kill), the migrations in a database of the stack's own, the edge and the
/// API process that hosts the ingest. Fault tests kill and restart its parts.
/// </summary>
/// <remarks>
/// The edge's hit log lives in a directory the stack owns, so a restarted edge (same port) finds the log
/// its killed predecessor left behind, the way a real edge restarts on the same disk.
/// </remarks>
public sealed class LocalPipeline : IAsyncDisposable
{
    /// <summary>Any fixed 64-hex secret: tests compare keys with each other, never with known values.</summary>
    public const string IdentitySecret = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private readonly LocalPipelineOptions _options;
    private readonly ClickHouseServer? _ownClickHouse;
    private ServiceHost? _edge;
    private ServiceHost? _api;

    private LocalPipeline(LocalPipelineOptions options, RedisServer redis, ClickHouseServer? ownClickHouse, Uri clickHouse)
    {
        _options = options;
        Redis = redis;
        _ownClickHouse = ownClickHouse;
        ClickHouseUri = clickHouse;
        Database = "prefix_" + Guid.NewGuid().ToString("N");
        HitLogDirectory = Directory.CreateTempSubdirectory("prefix-hitlog-").FullName;
        EdgePort = FreePort.Next();
    }

    public RedisServer Redis { get; }

    /// <summary>The private ClickHouse; throws when the stack uses the shared one.</summary>
    public ClickHouseServer ClickHouse => _ownClickHouse ?? throw new InvalidOperationException("This stack uses the shared ClickHouse; ask for a private one to kill it.");

    public Uri ClickHouseUri { get; }

    /// <summary>The stack's own database (<c>prefix_&lt;guid&gt;</c>) with the migrations applied.</summary>
    public string Database { get; }

    public string HitLogDirectory { get; }

    /// <summary>The edge's port; it stays the same across <see cref="RestartEdgeAsync"/>.</summary>
    public int EdgePort { get; }

    public ServiceHost Edge => _edge ?? throw new InvalidOperationException("The edge is not running.");

    public ServiceHost Api => _api ?? throw new InvalidOperationException("The stack was started without the ingest.");

    /// <summary>What the services wrote so far, for assertion messages.</summary>
    public string Output => $"--- edge ---\n{_edge?.Output}\n--- api ---\n{_api?.Output}";

    public static async Task<LocalPipeline> StartAsync(LocalPipelineOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPipelineOptions();
        var redis = await RedisServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        ClickHouseServer? ownClickHouse = null;
        LocalPipeline? stack = null;
        try
        {
            ownClickHouse = options.PrivateClickHouse ? await ClickHouseServer.StartAsync(cancellationToken).ConfigureAwait(false) : null;
            var clickHouse = ownClickHouse?.HttpUri ?? await SharedServers.ClickHouseUriAsync().ConfigureAwait(false);
            stack = new LocalPipeline(options, redis, ownClickHouse, clickHouse);
            if (options.WithIngest)
            {
                await stack.MigrateAsync().ConfigureAwait(false);
                stack._api = ServiceHost.Start("Attribution.Api", stack.ApiSettings());
            }

            stack._edge = ServiceHost.Start("Prefix.Edge", stack.EdgeSettings(), stack.EdgePort);
            await stack._edge.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
            if (stack._api is not null)
            {
                await stack._api.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
            }

            return stack;
        }
        catch
        {
            if (stack is not null)
            {
                await stack.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await redis.DisposeAsync().ConfigureAwait(false);
                if (ownClickHouse is not null)
                {
                    await ownClickHouse.DisposeAsync().ConfigureAwait(false);
                }
            }

            throw;
        }
    }

    /// <summary>SIGKILL the edge: requests in flight fail, nothing is flushed or shut down.</summary>
    public void KillEdge() => Edge.Kill();

    /// <summary>Starts a new edge on the same port with the same hit log directory and waits for /healthz.</summary>
    public async Task RestartEdgeAsync(CancellationToken cancellationToken = default)
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync().ConfigureAwait(false);
        }

        _edge = ServiceHost.Start("Prefix.Edge", EdgeSettings(), EdgePort);
        await _edge.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync().ConfigureAwait(false);
        }

        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }

        await Redis.DisposeAsync().ConfigureAwait(false);
        if (_ownClickHouse is not null)
        {
            await _ownClickHouse.DisposeAsync().ConfigureAwait(false);
        }
        else if (_options.WithIngest)
        {
            await DropDatabaseAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(HitLogDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
    }

    private Dictionary<string, string> CommonSettings() => new()
    {
        ["Redis__EndPoint"] = Redis.Endpoint,
        ["Redis__CommandTimeout"] = "00:00:02",
        ["Redis__ConnectTimeout"] = "00:00:01",
        ["ClickHouse__Url"] = ClickHouseUri.ToString(),
        ["ClickHouse__Database"] = _options.WithIngest ? Database : "default",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private Dictionary<string, string> EdgeSettings()
    {
        var settings = CommonSettings();
        settings["Identity__Secret"] = IdentitySecret;
        settings["Edge__DataDirectory"] = RepositoryPaths.DataDirectory;
        settings["Edge__TrustedProxies__0"] = "127.0.0.1/32";
        settings["HitLog__Directory"] = HitLogDirectory;
        settings["Shipper__MinBackoff"] = "00:00:00.100";
        settings["Shipper__MaxBackoff"] = "00:00:01";
        return settings;
    }

    private Dictionary<string, string> ApiSettings()
    {
        var settings = CommonSettings();
        settings["Ingest__DataDirectory"] = RepositoryPaths.DataDirectory;
        settings["Identity__Secret"] = IdentitySecret; // the API hashes imported hits with the edge's secret
        settings["Ingest__MaxRetryDelay"] = "00:00:01";
        settings["Ingest__ClaimIdle"] = "00:00:02";
        settings["Ingest__ClaimInterval"] = "00:00:01";
        settings["Ingest__TrimInterval"] = "00:00:02";
        return settings;
    }

    private async Task MigrateAsync()
    {
        var dll = RepositoryPaths.ExecutableDll("Prefix.Migrate");
        var migrations = Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations");
        using var process = ServerProcess.Start(
            "dotnet",
            [dll, "--clickhouse", ClickHouseUri.ToString(), "--database", Database, "--migrations", migrations],
            RepositoryPaths.Root);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Prefix.Migrate exited with {exitCode}:\n{process.Output}"));
        }
    }

    private async Task DropDatabaseAsync()
    {
        // Plain HTTP, so Prefix.Testing needs no ClickHouse client; the name is ours and only [a-z0-9_].
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var content = new StringContent($"DROP DATABASE IF EXISTS {Database}");
            using var response = await http.PostAsync(ClickHouseUri, content).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // Leftover test databases are harmless.
        }
        catch (TaskCanceledException)
        {
            // Same as above.
        }
    }
}
