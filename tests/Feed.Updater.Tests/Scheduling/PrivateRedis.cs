using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Redis;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Scheduling;

/// <summary>
/// A redis-server of the test class's own: the scheduler's keys are fixed names (<c>feeds:due</c>…), so
/// classes cannot share a server; tests inside a class run one after another and each starts from FLUSHALL.
/// </summary>
public sealed class PrivateRedis : IAsyncLifetime
{
    private RedisServer? _server;

    public string Endpoint => _server!.Endpoint;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Empties the server and returns a provider with a connection of its own (what one updater instance has).</summary>
    internal async Task<RedisConnectionProvider> FreshAsync()
    {
        var provider = Connect();
        var connection = await provider.GetAsync(CancellationToken.None);
        await connection.ExecuteAsync("FLUSHALL", []);
        return provider;
    }

    internal RedisConnectionProvider Connect() =>
        new(Options.Create(new RedisSettings { EndPoint = Endpoint, CommandTimeout = TimeSpan.FromSeconds(10) }));

    internal static async Task<RedisConnection> ConnectionAsync(RedisConnectionProvider provider) =>
        await provider.GetAsync(CancellationToken.None);
}
