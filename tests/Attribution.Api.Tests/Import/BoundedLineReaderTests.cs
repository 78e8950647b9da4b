using System.IO.Pipelines;
using System.Text;
using Attribution.Api.Import;

namespace Attribution.Api.Tests.Import;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task ReadLineAsync_MixedEndings_LinesNumberedWithoutEndings()
    {
        var lines = await ReadAllAsync("\uFEFFone\r\ntwo\n\nthree", maxLineBytes: 100);

        Assert.Equal(["1:one", "2:two", "3:", "4:three"], lines);
    }

    [Fact]
    public async Task ReadLineAsync_LineOverLimit_ReportedAndSkippedNeighboursKept()
    {
        var body = "short\n" + new string('x', 5000) + "\nafter\n" + new string('y', 101);

        var lines = await ReadAllAsync(body, maxLineBytes: 100, minimumReadSize: 64);

        Assert.Equal(["1:short", "2:TOO LONG", "3:after", "4:TOO LONG"], lines);
    }

    [Fact]
    public async Task ReadLineAsync_LineExactlyAtLimitWithCrLf_Kept()
    {
        var line = new string('z', 100);

        var lines = await ReadAllAsync(line + "\r\n" + line, maxLineBytes: 100, minimumReadSize: 16);

        Assert.Equal(["1:" + line, "2:" + line], lines);
    }

    [Fact]
    public async Task ReadLineAsync_EmptyBody_NoLines()
    {
        Assert.Empty(await ReadAllAsync(string.Empty, maxLineBytes: 100));
    }

    private static async Task<List<string>> ReadAllAsync(string body, int maxLineBytes, int minimumReadSize = 4096)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: minimumReadSize, minimumReadSize: minimumReadSize));
        var result = new List<string>();
        using (var reader = new BoundedLineReader(pipe, maxLineBytes))
        {
            while (await reader.ReadLineAsync(CancellationToken.None))
            {
                result.Add($"{reader.LineNumber}:" + (reader.TooLong ? "TOO LONG" : Encoding.UTF8.GetString(reader.Line.Span)));
            }
        }

        await pipe.CompleteAsync();
        return result;
    }
}
