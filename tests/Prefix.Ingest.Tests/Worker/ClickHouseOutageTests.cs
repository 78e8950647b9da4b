using Prefix.Redis;
using Prefix.Testing.Servers;

namespace Prefix.Ingest.Tests.Worker;

/// <summary>A private clickhouse-server killed and restarted under a running worker.</summary>
public sealed class ClickHouseOutageTests : IAsyncLifetime
{
    private ClickHouseServer? _server;

    public async Task InitializeAsync() => _server = await ClickHouseServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExecuteAsync_ClickHouseDownWhileEntriesArrive_KeepsThemPendingThenInsertsEachOnce()
    {
        var server = _server!;
        await using var ingest = await IngestHarness.CreateAsync(server.HttpUri, o => o.BatchSize = 200);
        await ingest.StartWorkerAsync();
        var before = Enumerable.Range(0, 100).Select(TestHits.Create).ToArray();
        await ingest.AddAllAsync(before);
        await ingest.WaitAllAcknowledgedAsync();

        server.Kill();
        var during = Enumerable.Range(100, 500).Select(TestHits.Create).ToArray();
        var duringIds = await ingest.AddAllAsync(during);
        await ingest.WaitUntilAsync(async () => await ingest.PendingAsync() > 0, "the worker to take a batch it cannot insert");
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Nothing shipped during the outage is acknowledged: each entry is either pending (the batch being retried)
        // or not delivered yet.
        var group = await ingest.GroupAsync();
        var pending = (await ingest.Redis.StreamPendingMessagesAsync(ingest.Options.Stream, ingest.Options.Group, 1_000))
            .Select(p => p.MessageId)
            .ToHashSet();
        Assert.InRange(pending.Count, 1, 200);
        Assert.All(duringIds, id => Assert.True(pending.Contains(id) || StreamIds.Compare(id, group.LastDeliveredId) > 0, $"{id} was acknowledged while ClickHouse was down"));
        Assert.False(ingest.Worker!.ExecuteTask!.IsCompleted);

        await server.RestartAsync();
        await ingest.WaitAllAcknowledgedAsync();

        var stored = new HashSet<Guid>();
        await foreach (var id in ingest.ClickHouse.QueryAsync("SELECT DISTINCT hit_id FROM hits", r => r.GetUuid(0)))
        {
            stored.Add(id);
        }

        Assert.True(stored.SetEquals(before.Concat(during).Select(h => h.Id)), $"{stored.Count} distinct hit ids stored, 600 shipped");
        Assert.Equal(600, await ingest.DistinctHitCountAsync());
        Assert.Equal(0, await ingest.PendingAsync());
        Assert.False(ingest.Worker.ExecuteTask.IsCompleted);
    }
}
