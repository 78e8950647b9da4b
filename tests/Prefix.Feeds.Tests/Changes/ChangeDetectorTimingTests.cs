using System.Diagnostics;
using Prefix.Feeds.Changes;
using Xunit.Abstractions;
using static Prefix.Feeds.Tests.Changes.TestFeeds;

namespace Prefix.Feeds.Tests.Changes;

/// <summary>
/// Rough timings printed to the test output (run with <c>--logger "console;verbosity=detailed"</c>); only a loose
/// sanity bound is asserted, the numbers belong in a benchmark report, not in a pass/fail. Debug builds and tier-0 JIT
/// code are several times slower than a running service: for steady-state numbers use <c>-c Release</c> with
/// <c>DOTNET_TieredCompilation=0</c>.
/// </summary>
public sealed class ChangeDetectorTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Detect_FiveThousandItems_FastEnough()
    {
        var options = new ChangeDetectionOptions();
        var feed = Feed(Range(1, 5000));
        var edited = Range(1, 5001);
        edited[100] = edited[100] with { Title = "Edited" };
        var next = Feed(edited[..4990]);
        var warm = ChangeDetector.Detect(null, feed, 1, options);
        ChangeDetector.Detect(warm.Next, next, 2, options);

        // Best of five: the machine is shared, the minimum is the least disturbed run.
        var first = TimeSpan.MaxValue;
        var diff = TimeSpan.MaxValue;
        var serialize = TimeSpan.MaxValue;
        FeedChanges changes = null!;
        FeedFingerprint read = null!;
        byte[] bytes = [];
        for (var round = 0; round < 5; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            var firstParse = ChangeDetector.Detect(null, feed, 1, options);
            first = Min(first, stopwatch.Elapsed);
            stopwatch.Restart();
            changes = ChangeDetector.Detect(firstParse.Next, next, 2, options);
            diff = Min(diff, stopwatch.Elapsed);
            stopwatch.Restart();
            bytes = changes.Next.ToBytes();
            read = FeedFingerprint.FromBytes(bytes);
            serialize = Min(serialize, stopwatch.Elapsed);
        }

        output.WriteLine($"Detect 5000 items: first parse {first.TotalMilliseconds:F2} ms, diff {diff.TotalMilliseconds:F2} ms; "
            + $"fingerprint {bytes.Length} bytes, ToBytes+FromBytes {serialize.TotalMilliseconds:F2} ms");
        Assert.Single(changes.Added);
        Assert.Single(changes.Updated);
        Assert.Equal(4990, read.ItemCount); // the 11 oldest fell off the end: truncation, dropped silently
        Assert.True(diff < TimeSpan.FromSeconds(5));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [Fact]
    public void HashBody_OneMegabyte_Throughput()
    {
        var body = new byte[1 << 20];
        new Random(7).NextBytes(body);
        ChangeDetector.HashBody(body);

        const int Rounds = 50;
        var stopwatch = Stopwatch.StartNew();
        ulong sink = 0;
        for (var i = 0; i < Rounds; i++)
        {
            sink += ChangeDetector.HashBody(body);
        }

        stopwatch.Stop();
        var perCall = stopwatch.Elapsed.TotalMilliseconds / Rounds;
        stopwatch.Restart();
        for (var i = 0; i < Rounds; i++)
        {
            sink += System.Security.Cryptography.SHA256.HashData(body)[0];
        }

        var sha256PerCall = stopwatch.Elapsed.TotalMilliseconds / Rounds;
        output.WriteLine($"HashBody (XXH64) 1 MiB: {perCall:F3} ms per call, {1 / (perCall / 1000) / 1024:F2} GiB/s; "
            + $"SHA-256 for comparison: {sha256PerCall:F3} ms, {1 / (sha256PerCall / 1000) / 1024:F2} GiB/s (sink {sink:x})");
        Assert.True(perCall < 1000);
    }
}
