using Prefix.ClickHouse;
using Prefix.Pipeline.Tests.Support;
using Prefix.Testing.Pipeline;
using Xunit.Abstractions;

namespace Prefix.Pipeline.Tests.Faults;

public sealed class ClickHouseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pipeline_ClickHouseKilledFor30SecondsUnderLoad_EveryRedirectedHitStoredOnce()
    {
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions { PrivateClickHouse = true });
        using var store = new HitStore(pipeline);
        var options = new HitLoadOptions { MaxRequests = 12_000, RatePerSecond = 250, Duration = TimeSpan.FromSeconds(40), Concurrency = 16 };

        var running = HitLoad.RunAsync(pipeline.EdgePort, FaultLoad.Plan, options);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var beforeKill = await store.ScalarAsync("SELECT uniqExact(hit_id) FROM hits");
        pipeline.ClickHouse.Kill();
        await Assert.ThrowsAnyAsync<ClickHouseException>(() => store.ScalarAsync("SELECT 1"));
        output.WriteLine($"clickhouse killed; {beforeKill} hits stored before");
        await Task.Delay(TimeSpan.FromSeconds(30));
        var restarting = DateTime.UtcNow;
        await pipeline.ClickHouse.RestartAsync();
        output.WriteLine($"clickhouse restarted (same data directory) in {(DateTime.UtcNow - restarting).TotalSeconds:F1} s");
        var load = await running;
        output.WriteLine(load.ToString());

        Assert.Equal(0, load.Count(RequestKind.InFlight) + load.Count(RequestKind.Refused) + load.Count(RequestKind.OtherStatus));
        var drain = await store.WaitForMarkersAsync(load.Markers(RequestKind.Redirected), TimeSpan.FromSeconds(60));
        output.WriteLine($"drained {drain.TotalSeconds:F1} s after the load ended");
        output.WriteLine(await FaultLoad.AssertExactlyOnceAsync(store, load));

        // Physical duplicates (an insert stored while its answer was lost) collapse on a merge.
        await store.Client.ExecuteAsync("OPTIMIZE TABLE hits FINAL");
        var duplicated = await store.ScalarAsync("SELECT count() FROM (SELECT hit_id FROM hits GROUP BY hit_id HAVING count() > 1)");
        output.WriteLine($"after OPTIMIZE FINAL: {duplicated} hit ids with more than one row");
        output.WriteLine($"ingest logged {pipeline.Api.Output.Split('\n').Count(l => l.Contains("\"EventId\":3001", StringComparison.Ordinal))} failed insert attempts during the outage");
        Assert.Equal(0, duplicated);
    }
}
