namespace Prefix.Testing.Servers;

/// <summary>
/// One Redis and one ClickHouse per test process, started on first use and killed at exit.
/// <c>./prefix test</c> starts disposable servers itself and passes them in through
/// <c>PREFIX_TEST_REDIS</c> (host:port) and <c>PREFIX_TEST_CLICKHOUSE</c> (http URL); a plain
/// <c>dotnet test</c> starts its own. Tests that kill a server start a private one instead.
/// </summary>
public static class SharedServers
{
    private static readonly Lazy<Task<RedisServer>> OwnRedis = new(() => Track(RedisServer.StartAsync()));
    private static readonly Lazy<Task<ClickHouseServer>> OwnClickHouse = new(() => Track(ClickHouseServer.StartAsync()));
    private static readonly List<IAsyncDisposable> Started = [];

    static SharedServers()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Started)
            {
                foreach (var server in Started)
                {
                    server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        };
    }

    /// <summary>host:port of a Redis server the test may use (with its own keys).</summary>
    public static async Task<string> RedisEndpointAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PREFIX_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return (await OwnRedis.Value.ConfigureAwait(false)).Endpoint;
    }

    /// <summary>Base URI of a ClickHouse HTTP interface the test may use (with its own database).</summary>
    public static async Task<Uri> ClickHouseUriAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PREFIX_TEST_CLICKHOUSE");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new Uri(fromEnvironment);
        }

        return (await OwnClickHouse.Value.ConfigureAwait(false)).HttpUri;
    }

    private static async Task<T> Track<T>(Task<T> starting)
        where T : IAsyncDisposable
    {
        var server = await starting.ConfigureAwait(false);
        lock (Started)
        {
            Started.Add(server);
        }

        return server;
    }
}
