using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Prefix.Testing.Feeds;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The enclosure probe against a real server: ranges honoured or ignored, redirects through prefixes.</summary>
public sealed class EnclosureProbeTests : IAsyncLifetime
{
    // v2.3 header, size 00 00 02 01 = 257 → the tag is 267 bytes.
    private static readonly byte[] Id3V23 = [0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01];

    // v2.4 header with the footer flag, size 00 01 00 00 = 16384 → 16384 + 20 bytes.
    private static readonly byte[] Id3V24Footer = [0x49, 0x44, 0x33, 0x04, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00];

    // An MPEG-1 Layer III frame header: no tag.
    private static readonly byte[] Mp3Frame = [0xff, 0xfb, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    private ScriptedFeedHost _host = null!;

    public async Task InitializeAsync() => _host = await ScriptedFeedHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("v23", 267L)]
    [InlineData("v24footer", 16404L)]
    [InlineData("mp3", 0L)]
    public async Task ProbeAsync_PartialContent_ReadsTheId3Size(string kind, long expected)
    {
        var head = kind switch { "v23" => Id3V23, "v24footer" => Id3V24Footer, _ => Mp3Frame };
        MapRanged("/ep.mp3", head, "bytes 0-9/12345");
        using var probe = TestFetchers.Probe();

        var result = await probe.ProbeAsync(_host.Url("/ep.mp3"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(206, result.StatusCode);
        Assert.Equal(expected, result.Id3Size);
        Assert.Equal(12345, result.ContentLength);
        Assert.Equal("bytes=0-9", _host.RequestsTo("/ep.mp3")[0].Header("Range"));
    }

    [Fact]
    public async Task ProbeAsync_UnknownTotalLength_ContentLengthIsNull()
    {
        MapRanged("/live.mp3", Id3V23, "bytes 0-9/*");
        using var probe = TestFetchers.Probe();

        var result = await probe.ProbeAsync(_host.Url("/live.mp3"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(267, result.Id3Size);
        Assert.Null(result.ContentLength);
    }

    [Fact]
    public async Task ProbeAsync_ThreeTrackingPrefixes_FollowsThemTo206()
    {
        _host.Redirect("/prefix1/ep.mp3", 302, "/prefix2/ep.mp3")
            .Redirect("/prefix2/ep.mp3", 301, "/prefix3/ep.mp3")
            .Redirect("/prefix3/ep.mp3", 307, "/media/ep.mp3");
        MapRanged("/media/ep.mp3", Id3V23, "bytes 0-9/48000000");
        using var probe = TestFetchers.Probe();

        var result = await probe.ProbeAsync(_host.Url("/prefix1/ep.mp3"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(267, result.Id3Size);
        Assert.Equal(48_000_000, result.ContentLength);
    }

    [Fact]
    public async Task ProbeAsync_ServerIgnoresRange_ReadsTenBytesAndDropsTheDownload()
    {
        const int fileLength = 5 * 1024 * 1024;

        // A small send buffer, so the server's writes block once the probe stops reading (loopback buffers could
        // otherwise swallow the whole 5 MB and hide whether the probe downloaded it).
        await using var host = await ScriptedFeedHost.StartAsync(new ScriptedFeedHostOptions { SendBufferBytes = 32 * 1024 });
        var served = new TaskCompletionSource<(long Written, bool Aborted)>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Map("/whole.mp3", async ctx =>
        {
            ctx.Response.ContentType = "audio/mpeg";
            ctx.Response.ContentLength = fileLength;
            var chunk = new byte[64 * 1024];
            Id3V24Footer.CopyTo(chunk, 0);
            long written = 0;
            try
            {
                while (written < fileLength)
                {
                    await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
                    written += chunk.Length;
                    chunk = new byte[chunk.Length];

                    // Paced like a real download, so the whole file is not in the socket buffers before the probe has
                    // even read the headers.
                    await Task.Delay(5, ctx.RequestAborted);
                }

                served.TrySetResult((written, ctx.RequestAborted.IsCancellationRequested));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                served.TrySetResult((written, true));
            }
        });
        MapRanged(host, "/warm.mp3", Mp3Frame, "bytes 0-9/10");
        using var probe = TestFetchers.Probe();

        // The first request of a process pays for JIT and connection setup; the timing below is about the 200.
        Assert.True((await probe.ProbeAsync(host.Url("/warm.mp3"), CancellationToken.None)).Succeeded);

        var watch = Stopwatch.StartNew();
        var result = await probe.ProbeAsync(host.Url("/whole.mp3"), CancellationToken.None);
        watch.Stop();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(16404, result.Id3Size);
        Assert.Equal(fileLength, result.ContentLength);

        // Generous for a shared CI machine; a probe that downloaded the paced 5 MB would need over 400 ms more.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        var (written, aborted) = await served.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(aborted && written < fileLength, $"the server wrote {written} of {fileLength} bytes, aborted: {aborted}");
    }

    [Fact]
    public async Task ProbeAsync_RedirectLoop_Fails()
    {
        _host.Redirect("/a.mp3", 302, "/b.mp3").Redirect("/b.mp3", 302, "/a.mp3");
        using var probe = TestFetchers.Probe();

        var result = await probe.ProbeAsync(_host.Url("/a.mp3"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.Id3Size);
        Assert.Contains("loop", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NotFound_FailsWithTheStatus()
    {
        using var probe = TestFetchers.Probe();

        var result = await probe.ProbeAsync(_host.Url("/missing.mp3"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(404, result.StatusCode);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
    }

    private void MapRanged(string path, byte[] head, string contentRange) => MapRanged(_host, path, head, contentRange);

    private static void MapRanged(ScriptedFeedHost host, string path, byte[] head, string contentRange) =>
        host.Map(path, async ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status206PartialContent;
            ctx.Response.ContentType = "audio/mpeg";
            ctx.Response.Headers.ContentRange = contentRange;
            ctx.Response.ContentLength = head.Length;
            await ctx.Response.Body.WriteAsync(head, ctx.RequestAborted);
        });
}
