using System.Buffers;
using System.Text;
using Prefix.Redis.Protocol;

namespace Prefix.Redis.Tests.Protocol;

public sealed class RespFrameScannerTests
{
    public static TheoryData<string> Replies { get; } = new()
    {
        "+OK\r\n",
        "-ERR wrong\r\n",
        ":12345\r\n",
        "$-1\r\n",
        "$0\r\n\r\n",
        "$6\r\na\r\nb\r\n\r\n",
        "*-1\r\n",
        "*0\r\n",
        "*3\r\n$1\r\na\r\n:2\r\n*2\r\n+x\r\n$-1\r\n",
        "*2\r\n*2\r\n$5\r\n1-0\r\n\r\n*2\r\n$1\r\nh\r\n$3\r\n{x}\r\n*1\r\n*0\r\n",
        "%2\r\n+a\r\n:1\r\n+b\r\n*1\r\n_\r\n",
        ",3.5\r\n",
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Scan_GrowingOneByteAtATime_CompletesExactlyAtTheEnd(string reply)
    {
        var bytes = Encoding.UTF8.GetBytes(reply + "+next\r\n");
        var end = Encoding.UTF8.GetByteCount(reply);
        var scanner = new RespFrameScanner();
        for (var length = 0; length < end; length++)
        {
            Assert.False(scanner.Scan(new ReadOnlySequence<byte>(bytes, 0, length)), $"complete after only {length} of {end} bytes");
        }

        Assert.True(scanner.Scan(new ReadOnlySequence<byte>(bytes, 0, end)));
    }

    [Fact]
    public void Scan_TwentyThousandEntryReplyInSmallReads_WalksEachByteAboutOnce()
    {
        var text = new StringBuilder("*1\r\n*2\r\n$10\r\nprefix:hit\r\n*20000\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            var payload = new string('x', 800);
            text.Append("*2\r\n$7\r\n1-").Append(i % 10).Append("0000\r\n*2\r\n$1\r\nh\r\n$800\r\n").Append(payload).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var scanner = new RespFrameScanner();
        var complete = false;
        for (var length = 4096; !complete; length = Math.Min(bytes.Length, length + 4096))
        {
            complete = scanner.Scan(new ReadOnlySequence<byte>(bytes, 0, length));
        }

        // ~16 MB in 4 KB reads: parsing from the start on every read walked ~32 GB; resuming walks each
        // byte once, plus the partial element at the end of each read again.
        Assert.InRange(scanner.ScannedBytes, bytes.Length, bytes.Length + (bytes.Length / 4096 * 1024));
    }
}
