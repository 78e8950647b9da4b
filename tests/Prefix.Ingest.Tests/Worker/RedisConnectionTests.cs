using Prefix.Testing.Servers;

namespace Prefix.Ingest.Tests.Worker;

/// <summary>A private redis-server, so the clients connected to it are only this test's.</summary>
public sealed class RedisConnectionTests : IAsyncLifetime
{
    private RedisServer? _server;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task StopAsync_RunningWorker_ClosesItsDedicatedConnection()
    {
        await using var ingest = await IngestHarness.CreateAsync(redisEndpoint: _server!.Endpoint);
        await ingest.StartWorkerAsync();
        await ingest.AddAsync(TestHits.Create(0));
        await ingest.WaitAllAcknowledgedAsync();
        Assert.Equal(2, await ClientCountAsync(ingest));

        await ingest.StopWorkerAsync();

        // The blocking read is cancelled by the stop; the connection must still be closed, not left to the GC.
        await ingest.WaitUntilAsync(async () => await ClientCountAsync(ingest) == 1, "the worker's connection to close");
    }

    private static async Task<int> ClientCountAsync(IngestHarness ingest) =>
        (await ingest.Redis.ExecuteAsync("CLIENT", "LIST")).ToString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
