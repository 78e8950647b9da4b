using Prefix.Pipeline.Tests.Support;
using Prefix.Testing.Pipeline;
using Xunit.Abstractions;

namespace Prefix.Pipeline.Tests.Faults;

public sealed class EdgeCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Edge_KilledWithSigkillUnderLoadAndRestarted_EveryRedirectedHitStoredOnce()
    {
        await using var pipeline = await LocalPipeline.StartAsync();
        using var store = new HitStore(pipeline);
        var options = new HitLoadOptions { MaxRequests = 8_000, RatePerSecond = 400, Duration = TimeSpan.FromSeconds(14), Concurrency = 32 };

        var running = HitLoad.RunAsync(pipeline.EdgePort, FaultLoad.Plan, options);
        await Task.Delay(TimeSpan.FromSeconds(5));
        pipeline.KillEdge();
        var killed = DateTime.UtcNow;
        await pipeline.RestartEdgeAsync();
        output.WriteLine($"edge killed (SIGKILL) and restarted on port {pipeline.EdgePort} with the same hit log in {(DateTime.UtcNow - killed).TotalSeconds:F1} s");
        var load = await running;
        output.WriteLine(load.ToString());

        Assert.True(load.Count(RequestKind.Redirected) > 3_000, load.ToString());
        Assert.Equal(0, load.Count(RequestKind.OtherStatus));
        var drain = await store.WaitForMarkersAsync(load.Markers(RequestKind.Redirected), TimeSpan.FromSeconds(60));
        output.WriteLine($"drained {drain.TotalSeconds:F1} s after the load ended");
        output.WriteLine(await FaultLoad.AssertExactlyOnceAsync(store, load));
    }
}
