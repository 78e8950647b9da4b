using Prefix.Testing.Servers;

namespace Prefix.Services.Tests.Auth;

/// <summary>One private redis-server for the auth tests; every test creates its own keys (random ids) in it.</summary>
public sealed class AuthRedisFixture : IAsyncLifetime
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
}
