using System.Text;
using Feed.Updater.Registration.Import;

namespace Feed.Updater.Tests.Registration;

public class FeedImportReaderTests
{
    [Theory]
    [InlineData("application/x-ndjson", "Ndjson")]
    [InlineData("application/jsonl; charset=utf-8", "Ndjson")]
    [InlineData("Application/X-NDJSON", "Ndjson")]
    [InlineData("text/csv", "Csv")]
    [InlineData("text/csv;header=present", "Csv")]
    [InlineData("text/plain; charset=utf-8", "PlainText")]
    [InlineData("text/x-opml", "Opml")]
    [InlineData("application/xml", "Opml")]
    [InlineData("text/xml", "Opml")]
    [InlineData("application/octet-stream", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void DetectFormat_ContentType_MapsToFormat(string? contentType, string? expected) =>
        Assert.Equal(expected, FeedImportReader.DetectFormat(contentType)?.ToString());

    [Fact]
    public async Task ReadAsync_Ndjson_ObjectsAndBareStringsAcceptedBlankLinesSkipped()
    {
        var lines = await ReadAsync(
            "{\"url\":\"https://a.example/feed\",\"title\":{\"nested\":[1,2]}}\n\n  \n\"https://b.example/rss\"\n{\"title\":\"x\",\"url\":\"HTTPS://C.example/x\"}\n",
            "application/x-ndjson");

        Assert.Equal(
            [new ImportLine(1, "https://a.example/feed", null), new ImportLine(4, "https://b.example/rss", null), new ImportLine(5, "https://c.example/x", null)],
            lines);
    }

    [Theory]
    [InlineData("{\"url\":", "not valid JSON")]
    [InlineData("{\"title\":\"no url\"}", "no \"url\" member")]
    [InlineData("{\"url\":42}", "must be a JSON string")]
    [InlineData("[\"https://a.example/feed\"]", "JSON object with a \"url\" string")]
    [InlineData("{\"url\":\"https://a.example/\"} {\"url\":\"https://b.example/\"}", "more than one JSON value")]
    [InlineData("{\"url\":\"ftp://a.example/feed\"}", "not 'ftp'")]
    public async Task ReadAsync_NdjsonBadLine_RejectedWithReasonAndNextLineRead(string bad, string reason)
    {
        var lines = await ReadAsync("{\"url\":\"https://ok.example/1\"}\n" + bad + "\n{\"url\":\"https://ok.example/2\"}", "application/x-ndjson");

        Assert.Equal(3, lines.Count);
        Assert.Equal(2, lines[1].Line);
        Assert.Null(lines[1].Url);
        Assert.Contains(reason, lines[1].Rejection, StringComparison.Ordinal);
        Assert.Equal("https://ok.example/2", lines[2].Url);
    }

    [Fact]
    public async Task ReadAsync_CsvWithHeader_PicksNamedColumnAndHandlesQuotes()
    {
        const string Body =
            "Title,Feed URL,Notes\r\n" +
            "\"Show, the first\",https://a.example/feed,plain\r\n" +
            "\"He said \"\"hi\"\"\",\"https://b.example/rss?x=1,2\",\"multi\r\nline\r\nnote\"\r\n" +
            "Third,https://c.example/feed,\r\n";

        var lines = await ReadAsync(Body, "text/csv");

        Assert.Equal(
            [new ImportLine(2, "https://a.example/feed", null), new ImportLine(3, "https://b.example/rss?x=1,2", null), new ImportLine(6, "https://c.example/feed", null)],
            lines);
    }

    [Theory]
    [InlineData("url")]
    [InlineData("XMLURL")]
    [InlineData("feed_url")]
    [InlineData(" RSS ")]
    public async Task ReadAsync_CsvHeaderNames_RecognisedCaseInsensitively(string header)
    {
        var lines = await ReadAsync($"name,{header}\nx,https://a.example/feed\n", "text/csv");

        Assert.Equal([new ImportLine(2, "https://a.example/feed", null)], lines);
    }

    [Fact]
    public async Task ReadAsync_CsvWithoutHeader_UsesFirstColumnAndReportsShortRecords()
    {
        var lines = await ReadAsync("https://a.example/feed,Show A\nhttps://b.example/feed\n,empty first\n", "text/csv");

        Assert.Equal("https://a.example/feed", lines[0].Url);
        Assert.Equal("https://b.example/feed", lines[1].Url);
        Assert.Equal(3, lines[2].Line);
        Assert.Contains("empty", lines[2].Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CsvUnclosedQuote_RejectedAtRecordStart()
    {
        var lines = await ReadAsync("https://a.example/feed\n\"https://b.example/feed\nhttps://c.example/feed\n", "text/csv");

        Assert.Equal("https://a.example/feed", lines[0].Url);
        Assert.Equal(2, lines[1].Line);
        Assert.Contains("never closed", lines[1].Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PlainText_CommasStayInTheUrl()
    {
        var lines = await ReadAsync("https://a.example/feed?ids=1,2,3\r\nhttps://b.example/feed", "text/plain");

        Assert.Equal([new ImportLine(1, "https://a.example/feed?ids=1,2,3", null), new ImportLine(2, "https://b.example/feed", null)], lines);
    }

    [Theory]
    [InlineData("\uFEFFhttps://a.example/feed\nhttps://b.example/feed", null)]
    [InlineData("\uFEFFhttps://a.example/feed\nhttps://b.example/feed", "text/csv")]
    [InlineData("\uFEFF{\"url\":\"https://a.example/feed\"}\n{\"url\":\"https://b.example/feed\"}", null)]
    [InlineData("\uFEFF  \r\n{\"url\":\"https://a.example/feed\"}\n{\"url\":\"https://b.example/feed\"}", "application/x-ndjson")]
    public async Task ReadAsync_BomAtStart_Ignored(string body, string? contentType)
    {
        var lines = await ReadAsync(body, contentType);

        Assert.Equal(["https://a.example/feed", "https://b.example/feed"], lines.Select(l => l.Url));
    }

    [Fact]
    public async Task ReadAsync_NoContentType_SniffsNdjsonOpmlAndCsv()
    {
        var ndjson = await ReadAsync("\n  {\"url\":\"https://a.example/feed\"}", null);
        var opml = await ReadAsync("  <opml version=\"2.0\"><body><outline xmlUrl=\"https://b.example/feed\"/></body></opml>", null);
        var csv = await ReadAsync("url\nhttps://c.example/feed", "application/octet-stream");

        Assert.Equal("https://a.example/feed", Assert.Single(ndjson).Url);
        Assert.Equal("https://b.example/feed", Assert.Single(opml).Url);
        Assert.Equal("https://c.example/feed", Assert.Single(csv).Url);
    }

    [Theory]
    [InlineData("application/x-ndjson", "{\"url\":\"https://a.example/")]
    [InlineData("text/csv", "https://a.example/")]
    [InlineData("text/plain", "https://a.example/")]
    public async Task ReadAsync_LineOver16KB_RejectedAndNextLineAccepted(string contentType, string start)
    {
        var giant = start + new string('x', 20 * 1024);
        var body = $"{LineFor(contentType, "https://first.example/feed")}\n{giant}\r\n{LineFor(contentType, "https://next.example/feed")}\n";

        var lines = await ReadAsync(body, contentType, chunk: 3000);

        Assert.Equal(3, lines.Count);
        Assert.Equal("https://first.example/feed", lines[0].Url);
        Assert.Equal(new ImportLine(2, null, "The line is longer than 16 KB and was skipped."), lines[1]);
        Assert.Equal(new ImportLine(3, "https://next.example/feed", null), lines[2]);
    }

    [Fact]
    public async Task ReadAsync_LineOfExactly16KB_NotRejectedForLength()
    {
        var url = "https://a.example/" + new string('x', (16 * 1024) - "https://a.example/".Length);

        var lines = await ReadAsync(url + "\r\n", "text/plain");

        Assert.Contains("2,000 are accepted", Assert.Single(lines).Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OpmlNestedOutlines_EveryFeedWithItsLine()
    {
        const string Body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>Subscriptions</title></head>
              <body>
                <outline text="News">
                  <outline type="rss" text="A" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/"/>
                  <outline text="Deeper">
                    <outline type="rss" text="B &amp; C" xmlUrl="https://b.example/rss?a=1&amp;b=2"/>
                  </outline>
                </outline>
                <outline text="no feed here" htmlUrl="https://html.example/"/>
                <outline type="link" text="D" url="https://d.example/feed"/>
                <outline text="E" XMLURL="https://e.example/feed"/>
                <outline text="bad" xmlUrl="gopher://f.example/feed"/>
              </body>
            </opml>
            """;

        var lines = await ReadAsync(Body, "text/x-opml", chunk: 7);

        Assert.Equal(
            [
                new ImportLine(6, "https://a.example/feed", null),
                new ImportLine(8, "https://b.example/rss?a=1&b=2", null),
                new ImportLine(12, "https://d.example/feed", null),
                new ImportLine(13, "https://e.example/feed", null),
            ],
            lines.Take(4));
        Assert.Equal(14, lines[4].Line);
        Assert.Contains("not 'gopher'", lines[4].Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OpmlWithDtdEntity_RejectedWithoutExpanding()
    {
        const string Body = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://a.example/feed"/></body></opml>
            """;

        var line = Assert.Single(await ReadAsync(Body, "text/x-opml"));

        Assert.Null(line.Url);
        Assert.InRange(line.Line, 1, 2);
        Assert.Contains("DTD", line.Rejection, StringComparison.Ordinal);
        Assert.Contains("XXE", line.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OpmlBrokenMidway_EarlierFeedsKeptThenOneRejection()
    {
        var lines = await ReadAsync("<opml><body>\n<outline xmlUrl=\"https://a.example/feed\"/>\n<outline xmlUrl=\"https://b.example/feed\">\n</body></opml>", "text/xml");

        Assert.Equal(3, lines.Count);
        Assert.Equal("https://b.example/feed", lines[1].Url);
        Assert.Contains("not well-formed", lines[2].Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OpmlGiantAttribute_RefusedBeforeBufferingIt()
    {
        var body = "<opml><body><outline text=\"" + new string('x', 2 * 1024 * 1024) + "\" xmlUrl=\"https://a.example/feed\"/></body></opml>";

        var line = Assert.Single(await ReadAsync(body, "text/x-opml"));

        Assert.Contains("longer than 1,024 KB", line.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MillionPlainLinesInTinyChunks_AllReadInOrder()
    {
        const long Count = 1_000_000;
        using var body = new GeneratedLinesStream(Count, i => $"https://host{i % 1000}.example/feeds/{i}.xml", chunk: 4093, newline: "\r\n");

        long seen = 0;
        await foreach (var line in FeedImportReader.ReadAsync(body, "text/plain", CancellationToken.None))
        {
            seen++;
            Assert.Equal(seen, line.Line);
            Assert.True(line.IsValid);
        }

        Assert.Equal(Count, seen);
    }

    private static string LineFor(string contentType, string url) =>
        contentType == "application/x-ndjson" ? $"{{\"url\":\"{url}\"}}" : url;

    private static async Task<List<ImportLine>> ReadAsync(string body, string? contentType, int chunk = int.MaxValue)
    {
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(body), chunk);
        var lines = new List<ImportLine>();
        await foreach (var line in FeedImportReader.ReadAsync(stream, contentType, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>A MemoryStream that returns at most <c>chunk</c> bytes per read, like a slow network body.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
