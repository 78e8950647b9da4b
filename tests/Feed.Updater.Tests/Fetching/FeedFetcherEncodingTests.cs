using System.IO.Compression;
using System.Text;
using Feed.Updater.Fetching;
using Prefix.Testing.Feeds;

namespace Feed.Updater.Tests.Fetching;

/// <summary>Content codings decoded while streaming; stacked or unknown ones and oversized bodies refused.</summary>
public sealed class FeedFetcherEncodingTests : IAsyncLifetime
{
    private static readonly byte[] Feed = Encoding.UTF8.GetBytes(
        "<rss version=\"2.0\"><channel><title>Encoded</title>" + string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 200)) + "</channel></rss>");

    private ScriptedFeedHost _host = null!;

    public async Task InitializeAsync() => _host = await ScriptedFeedHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("deflate-raw")]
    [InlineData("identity")]
    public async Task FetchAsync_EncodedBody_IsDecoded(string coding)
    {
        var (encoded, header) = coding switch
        {
            "gzip" or "x-gzip" => (Compress(s => new GZipStream(s, CompressionLevel.Optimal)), coding),
            "br" => (Compress(s => new BrotliStream(s, CompressionLevel.Optimal)), "br"),
            "deflate" => (Compress(s => new ZLibStream(s, CompressionLevel.Optimal)), "deflate"),

            // Some servers send raw RFC 1951 deflate under "deflate"; it is detected by its missing zlib header.
            "deflate-raw" => (Compress(s => new DeflateStream(s, CompressionLevel.Optimal)), "deflate"),
            _ => (Feed, "identity"),
        };
        _host.ServeBytes("/feed.xml", encoded, "application/rss+xml", headers: new Dictionary<string, string> { ["Content-Encoding"] = header });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(Feed, result.Body);
    }

    [Theory]
    [InlineData("gzip, br")]
    [InlineData("gzip, gzip")]
    [InlineData("compress")]
    [InlineData("zstd")]
    public async Task FetchAsync_StackedOrUnknownEncoding_IsRefused(string header)
    {
        var gzip = Compress(s => new GZipStream(s, CompressionLevel.Fastest));
        _host.ServeBytes("/feed.xml", gzip, "application/rss+xml", headers: new Dictionary<string, string> { ["Content-Encoding"] = header });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/feed.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Null(result.Body);
        Assert.Contains(header, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthOverCap_IsRefusedBeforeReading()
    {
        _host.ServeBytes("/big.xml", new byte[4096], "application/rss+xml");
        using var fetcher = TestFetchers.Fetcher(o => o.MaxDecodedBytes = 2048);

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/big.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Contains("Content-Length", result.Error, StringComparison.Ordinal);
        Assert.Contains("Updater:Fetching:MaxDecodedBytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BodyExactlyAtCap_IsAccepted()
    {
        _host.ServeBytes("/edge.xml", new byte[2048], "application/rss+xml");
        using var fetcher = TestFetchers.Fetcher(o => o.MaxDecodedBytes = 2048);

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/edge.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(2048, result.Body!.Length);
    }

    [Fact]
    public async Task FetchAsync_CorruptGzip_IsANetworkErrorNotAnException()
    {
        var gzip = Compress(s => new GZipStream(s, CompressionLevel.Fastest));
        gzip[12] ^= 0xff;
        gzip[20] ^= 0xff;
        _host.ServeBytes("/bad.xml", gzip, "application/rss+xml", headers: new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        using var fetcher = TestFetchers.Fetcher();

        var result = await fetcher.FetchAsync(TestFetchers.Get(_host.Url("/bad.xml")), CancellationToken.None);

        Assert.Equal(FetchOutcome.NetworkError, result.Outcome);
        Assert.Contains("corrupt", result.Error, StringComparison.Ordinal);
    }

    private static byte[] Compress(Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
        {
            stream.Write(Feed);
        }

        return output.ToArray();
    }
}
