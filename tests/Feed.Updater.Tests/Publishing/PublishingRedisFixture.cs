using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Redis;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Publishing;

/// <summary>
/// Private redis-servers per test class. The updater's keys are fixed constants, so every test takes a database
/// of its own (SELECT n) instead of a key prefix; after 16 databases another server is started.
/// </summary>
public sealed class PublishingRedisFixture : IAsyncLifetime
{
    private const int DatabasesPerServer = 16;
    private readonly List<RedisServer> _servers = [];
    private int _next;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A fresh database, with a provider (as the updater uses) and a direct connection.</summary>
    internal async Task<TestDatabase> NextDatabaseAsync()
    {
        // xunit runs the tests of one class one at a time, so no lock is needed here.
        var database = _next++ % DatabasesPerServer;
        if (database == 0)
        {
            _servers.Add(await RedisServer.StartAsync());
        }

        var server = _servers[^1];

        var settings = new RedisSettings { EndPoint = server.Endpoint, Database = database };
        var provider = new RedisConnectionProvider(Options.Create(settings));
        var connection = await provider.GetAsync(CancellationToken.None);
        return new TestDatabase(settings, provider, connection);
    }
}

/// <summary>One test's Redis database.</summary>
internal sealed record TestDatabase(RedisSettings Settings, RedisConnectionProvider Provider, RedisConnection Connection) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
