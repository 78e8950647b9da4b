using System.Buffers;
using System.Text;
using Prefix.Redis.Protocol;

namespace Prefix.Redis.Tests.Protocol;

public class RespParserTests
{
    public static TheoryData<string, string> Replies => new()
    {
        { "+OK\r\n", "OK" },
        { "-WRONGTYPE Operation against a key\r\n", "(error) WRONGTYPE Operation against a key" },
        { ":42\r\n", "42" },
        { ":-7\r\n", "-7" },
        { "$5\r\nhello\r\n", "hello" },
        { "$0\r\n\r\n", string.Empty },
        { "$-1\r\n", "(nil)" },
        { "*-1\r\n", "(nil)" },
        { "*0\r\n", "[]" },
        { "*3\r\n:1\r\n$3\r\nfoo\r\n*2\r\n+a\r\n$-1\r\n", "[1, foo, [a, (nil)]]" },
        { "_\r\n", "(nil)" },
        { ",3.5\r\n", "3.5" },
        { ",inf\r\n", "+inf" },
        { "#t\r\n", "1" },
        { "%1\r\n+key\r\n:9\r\n", "[key, 9]" },
        { "~2\r\n:1\r\n:2\r\n", "[1, 2]" },
        { "=8\r\ntxt:abcd\r\n", "abcd" },
        { "!5\r\nERR x\r\n", "(error) ERR x" },
        { "|1\r\n+ttl\r\n:3\r\n$2\r\nhi\r\n", "hi" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void TryRead_WholeReply_ParsesExpectedValue(string wire, string expected)
    {
        var result = ParseSingle(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)));

        Assert.Equal(expected, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void TryRead_SplitAtEveryByte_ParsesIdenticallyAndNeedsAllBytes(string wire, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        for (var split = 1; split < bytes.Length; split++)
        {
            var prefix = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, split));
            Assert.False(RespParser.TryRead(ref prefix, out _), $"a prefix of {split} bytes must not parse");
            Assert.Equal(0, prefix.Consumed);

            var fragmented = FragmentedSequence.Create(bytes.AsMemory(0, split), bytes.AsMemory(split));
            Assert.Equal(expected, Describe(ParseSingle(fragmented)));
        }
    }

    [Fact]
    public void TryRead_EveryByteInItsOwnSegment_ParsesSeveralReplies()
    {
        var wire = Encoding.UTF8.GetBytes("+OK\r\n:5\r\n$3\r\na\r\n\r\n*2\r\n$1\r\nx\r\n:1\r\n");
        var sequence = FragmentedSequence.Create([.. wire.Select((_, i) => wire.AsMemory(i, 1))]);
        var reader = new SequenceReader<byte>(sequence);
        var results = new List<string>();
        while (RespParser.TryRead(ref reader, out var result))
        {
            results.Add(Describe(result));
        }

        Assert.Equal(["OK", "5", "a\r\n", "[x, 1]"], results);
        Assert.True(reader.End);
    }

    [Fact]
    public void TryRead_AllByteValues_RoundTripExactly()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var wire = Encoding.ASCII.GetBytes("$256\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();

        var result = ParseSingle(new ReadOnlySequence<byte>(wire));

        Assert.Equal(payload, result.AsBytes());
    }

    [Fact]
    public void TryRead_TenMegabyteBulkInChunks_WaitsThenParses()
    {
        var payload = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(payload);
        var header = Encoding.ASCII.GetBytes($"${payload.Length}\r\n");
        var wire = header.Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();

        var partial = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire, 0, wire.Length - 1));
        Assert.False(RespParser.TryRead(ref partial, out _));

        var chunks = wire.Chunk(64 * 1024).Select(c => (ReadOnlyMemory<byte>)c).ToArray();
        var result = ParseSingle(FragmentedSequence.Create(chunks));
        Assert.Equal(payload, result.AsBytes());
    }

    [Theory]
    [InlineData("?1\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData("$3\r\nabcXY")]
    [InlineData("+OK\n")]
    public void TryRead_InvalidBytes_ThrowsProtocolException(string wire)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(wire)));
        RedisProtocolException? error = null;
        try
        {
            RespParser.TryRead(ref reader, out _);
        }
        catch (RedisProtocolException e)
        {
            error = e;
        }

        Assert.NotNull(error);
    }

    [Fact]
    public void WriteCommand_MixedArguments_WritesRespArrayOfBulkStrings()
    {
        var output = new ArrayBufferWriter<byte>();

        RespWriter.WriteCommand(output, "SET", ["k€", new byte[] { 0, 13, 10 }, 12L, 1.5, RedisValue.Null]);

        var expected = "*6\r\n$3\r\nSET\r\n$4\r\nk€\r\n$3\r\n\0\r\n\r\n$2\r\n12\r\n$3\r\n1.5\r\n$0\r\n\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteCommand_LargeStringArgument_WritesExactUtf8()
    {
        var text = string.Concat(Enumerable.Repeat("ä1", 20_000));
        var output = new ArrayBufferWriter<byte>();

        RespWriter.WriteCommand(output, "SET", ["k", text]);

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(output.WrittenMemory));
        Assert.True(RespParser.TryRead(ref reader, out var parsed));
        Assert.Equal(text, parsed[2].AsString());
    }

    private static RedisResult ParseSingle(ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        Assert.True(RespParser.TryRead(ref reader, out var result));
        Assert.True(reader.End, "the whole reply must be consumed");
        return result;
    }

    private static string Describe(RedisResult result) =>
        result.Type == RedisResultType.Boolean ? result.AsInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : result.ToString();
}
