using Microsoft.Extensions.Logging;
using Prefix.ClickHouse;

namespace Prefix.Hosting.Health;

/// <summary>Answers "can this service do its work now?": Redis and ClickHouse both reachable.</summary>
public sealed class ReadinessProbe(RedisConnectionProvider redis, ClickHouseClient clickHouse, TimeProvider time, ILogger<ReadinessProbe> logger)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            RunAsync("redis", ct => PingRedisAsync(ct), cancellationToken),
            RunAsync("clickhouse", ct => clickHouse.PingAsync(ct), cancellationToken)).ConfigureAwait(false);
        return new ReadinessReport(checks.All(c => c.Ok), checks.ToDictionary(c => c.Name, c => c));
    }

    private async Task PingRedisAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!connection.IsConnected)
        {
            // Say so at once instead of waiting out the ping: the client is already trying to reconnect.
            throw new InvalidOperationException($"not connected to {connection.Options.EndPoint} (reconnecting)");
        }

        await connection.PingAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DependencyCheck> RunAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var started = time.GetTimestamp();
        try
        {
            await check(timeout.Token).ConfigureAwait(false);
            return new DependencyCheck(name, true, time.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"no answer within {CheckTimeout.TotalSeconds:0} s"
                : ex.Message;
            LogMessages.DependencyUnavailable(logger, name, reason);
            return new DependencyCheck(name, false, time.GetElapsedTime(started).TotalMilliseconds, reason);
        }
    }
}

/// <summary>One dependency's answer.</summary>
public sealed record DependencyCheck(string Name, bool Ok, double LatencyMs, string? Error);

/// <summary>All dependencies' answers; ready only when every one is ok.</summary>
public sealed record ReadinessReport(bool Ready, IReadOnlyDictionary<string, DependencyCheck> Checks);
