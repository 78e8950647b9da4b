using Feed.Updater.Registration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Redis;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Registration;

/// <summary>
/// A private redis-server for one test class: the registry's keys are fixed names (feeds:count, …), so
/// classes cannot share a server; tests of the class flush it before they start.
/// </summary>
public sealed class RegistryRedis : IAsyncLifetime
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

    internal async Task<RedisConnection> ConnectFlushedAsync()
    {
        var connection = await RedisConnection.ConnectAsync(Endpoint);
        await connection.ExecuteAsync("FLUSHALL");
        return connection;
    }

    internal RedisConnectionProvider Provider() => ProviderFor(Endpoint);

    internal static RedisConnectionProvider ProviderFor(string endpoint) =>
        new(Options.Create(new RedisSettings { EndPoint = endpoint, CommandTimeout = TimeSpan.FromSeconds(30) }));

    internal static FeedRegistry Registry(RedisConnectionProvider provider, TimeProvider time, RegistrationOptions? options = null) =>
        new(provider, Options.Create(options ?? new RegistrationOptions()), time, NullLogger<FeedRegistry>.Instance);
}
