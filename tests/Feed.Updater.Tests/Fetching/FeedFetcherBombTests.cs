using System.Diagnostics;
using System.IO.Compression;
using Feed.Updater.Fetching;
using Prefix.Testing.Feeds;
using Xunit.Abstractions;

namespace Feed.Updater.Tests.Fetching;

/// <summary>
/// A gzip bomb stops at the decoded-bytes cap, quickly and with bounded memory. Not run in parallel with other
/// tests: it measures the process's allocations.
/// </summary>
[Collection(MeasuringTests.Name)]
public sealed class FeedFetcherBombTests(ITestOutputHelper output)
{
    private const long Inflated = 200L * 1024 * 1024;

    [Fact]
    public async Task FetchAsync_GzipBomb_StopsAtTheCapQuicklyWithBoundedMemory()
    {
        var bomb = GzipOfZeros(Inflated);
        await using var host = await ScriptedFeedHost.StartAsync();
        host.ServeBytes("/bomb.xml", bomb, "application/rss+xml", headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        using var fetcher = TestFetchers.Fetcher();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await fetcher.FetchAsync(TestFetchers.Get(host.Url("/bomb.xml")), CancellationToken.None);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        output.WriteLine($"{bomb.Length / 1024} kB of gzip (200 MB inflated): {result.Outcome} in {watch.Elapsed.TotalMilliseconds:0} ms, {allocated / (1024 * 1024)} MB allocated");
        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Null(result.Body);
        Assert.Equal("the decoded body of " + host.Url("/bomb.xml") + " exceeded 30 MB (Updater:Fetching:MaxDecodedBytes); a gzip bomb or a runaway feed", result.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        // The cap is 30 MB; decoding the whole bomb would allocate 200 MB or more.
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB for a {bomb.Length / 1024} kB bomb");
    }

    private static byte[] GzipOfZeros(long length)
    {
        var zeros = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            for (long written = 0; written < length; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
