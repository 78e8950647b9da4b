using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;
using Prefix.Redis;

namespace Prefix.Hosting.Health;

/// <summary>
/// The service's one multiplexed Redis connection. Connecting is lazy and retried on demand, so a
/// service starts (and answers /healthz) while Redis is still down, and /readyz says why it is not ready.
/// Once connected, the client reconnects by itself.
/// </summary>
public sealed class RedisConnectionProvider(IOptions<RedisSettings> settings) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private RedisConnection? _connection;

    public async Task<RedisConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await RedisConnection.ConnectAsync(ToClientOptions(settings.Value), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// A connection of its own, for a caller that blocks (XREADGROUP BLOCK holds up every command queued
    /// behind it on a shared connection). The caller disposes it.
    /// </summary>
    public Task<RedisConnection> ConnectDedicatedAsync(CancellationToken cancellationToken) =>
        RedisConnection.ConnectAsync(ToClientOptions(settings.Value), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
    }

    private static RedisOptions ToClientOptions(RedisSettings settings) => new()
    {
        EndPoint = settings.EndPoint,
        Password = settings.Password,
        Database = settings.Database,
        CommandTimeout = settings.CommandTimeout,
        ConnectTimeout = settings.ConnectTimeout,
    };
}
