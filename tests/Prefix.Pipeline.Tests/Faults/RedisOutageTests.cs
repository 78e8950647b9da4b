using Prefix.Pipeline.Tests.Support;
using Prefix.Testing.Pipeline;
using Xunit.Abstractions;

namespace Prefix.Pipeline.Tests.Faults;

public sealed class RedisOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pipeline_RedisKilledFor20SecondsUnderLoad_EveryRedirectedHitStoredOnce()
    {
        await using var pipeline = await LocalPipeline.StartAsync();
        using var store = new HitStore(pipeline);
        var options = new HitLoadOptions { MaxRequests = 12_000, RatePerSecond = 250, Duration = TimeSpan.FromSeconds(36), Concurrency = 16 };

        var running = HitLoad.RunAsync(pipeline.EdgePort, FaultLoad.Plan, options);
        await Task.Delay(TimeSpan.FromSeconds(8));
        var beforeKill = await store.ScalarAsync("SELECT uniqExact(hit_id) FROM hits");
        pipeline.Redis.Kill();
        output.WriteLine($"redis killed; {beforeKill} hits in ClickHouse at that moment");
        await Task.Delay(TimeSpan.FromSeconds(20));
        await pipeline.Redis.RestartAsync();
        output.WriteLine($"redis restarted (empty: no persistence); {await store.ScalarAsync("SELECT uniqExact(hit_id) FROM hits")} hits in ClickHouse");
        var load = await running;
        output.WriteLine(load.ToString());

        // A listener never pays for our outage: every request was redirected while Redis was gone.
        Assert.Equal(0, load.Count(RequestKind.InFlight) + load.Count(RequestKind.Refused) + load.Count(RequestKind.OtherStatus));
        var drain = await store.WaitForMarkersAsync(load.Markers(RequestKind.Redirected), TimeSpan.FromSeconds(60));
        output.WriteLine($"drained {drain.TotalSeconds:F1} s after the load ended");
        output.WriteLine(await FaultLoad.AssertExactlyOnceAsync(store, load));
        foreach (var line in pipeline.Edge.Output.Split('\n').Where(l => l.Contains("\"EventId\":2102", StringComparison.Ordinal)))
        {
            output.WriteLine("edge: " + line);
        }
    }
}
