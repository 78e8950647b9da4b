using System.Text;
using Prefix.Edge.Recording;

namespace Prefix.Edge.Tests.Recording;

public sealed class HitLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prefix-hitlog-").FullName;
    private readonly HitLogMetrics _metrics = new();

    [Theory]
    [InlineData(HitLogDurability.OsWrite)]
    [InlineData(HitLogDurability.Fsync)]
    [InlineData(HitLogDurability.Memory)]
    public async Task AppendAsync_ConcurrentWriters_EveryHitReadBackOnceAcrossSegments(HitLogDurability durability)
    {
        await using var writer = new HitLogWriter(Options(durability, segmentBytes: 64 * 1024), _metrics);
        var appends = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Assert.True(await writer.AppendAsync(Payload(worker, i)));
            }
        }));
        await Task.WhenAll(appends);
        await WaitCommittedAsync(writer, 8000);

        var records = ReadAll(writer, new HitLogPosition(1, 0));

        Assert.Equal(8000, records.Count);
        Assert.Equal(8000, records.Distinct().Count());
        Assert.True(writer.Committed.Segment > 1, "64 KiB segments must have rolled over");
        for (var worker = 0; worker < 8; worker++)
        {
            // Each writer's hits keep their order in the log.
            var own = records.Where(r => r.StartsWith($"w{worker}-", StringComparison.Ordinal)).Select(r => int.Parse(r.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, 1000), own);
        }
    }

    [Fact]
    public async Task Reader_OldSegmentWithTornTail_ReadsWholeRecordsThenNextSegment()
    {
        await using (var first = new HitLogWriter(Options(HitLogDurability.OsWrite), _metrics))
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.True(await first.AppendAsync(Payload(0, i)));
            }
        }

        // A crash in the middle of a write: half a frame at the end of segment 1.
        var frame = new byte[64];
        var length = HitLogFrame.Write(Encoding.UTF8.GetBytes("torn-record-that-never-finished"), frame);
        await using (var file = new FileStream(Path.Combine(_directory, "hits-00000000000000000001.log"), FileMode.Append))
        {
            file.Write(frame.AsSpan(0, length - 5));
        }

        await using var second = new HitLogWriter(Options(HitLogDurability.OsWrite), _metrics);
        Assert.Equal(2, second.Committed.Segment);
        Assert.True(await second.AppendAsync(Payload(1, 0)));

        var records = ReadAll(second, new HitLogPosition(1, 0));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"w0-{i}").Append("w1-0"), records);
    }

    [Fact]
    public async Task AppendAsync_LogOverItsBound_RefusesWithoutThrowing()
    {
        var options = Options(HitLogDurability.OsWrite);
        options.SegmentBytes = 4096;
        options.MaxBytes = 4096;
        await using var writer = new HitLogWriter(options, _metrics);
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < 500; i++)
        {
            if (await writer.AppendAsync(Payload(0, i)))
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        // Each frame is 8 + 45 bytes, so about 77 fit in 4 KiB.
        Assert.InRange(accepted, 60, 80);
        Assert.Equal(500 - accepted, refused);
        Assert.True(writer.PendingBytes <= 4096 + 64);

        writer.MarkShipped(writer.PendingBytes);
        Assert.True(await writer.AppendAsync(Payload(1, 0)), "once shipped, room is back");
    }

    [Fact]
    public void Frame_CorruptedByte_IsRejected()
    {
        var buffer = new byte[100];
        var length = HitLogFrame.Write("hello"u8, buffer);
        Assert.True(HitLogFrame.TryRead(buffer.AsSpan(0, length), out var payload, out var frameLength));
        Assert.Equal("hello", Encoding.UTF8.GetString(payload));
        Assert.Equal(length, frameLength);

        buffer[HitLogFrame.HeaderSize + 2] ^= 0x01;
        Assert.False(HitLogFrame.TryRead(buffer.AsSpan(0, length), out _, out _));
        Assert.False(HitLogFrame.TryRead(buffer.AsSpan(0, length - 1), out _, out _));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private HitLogOptions Options(HitLogDurability durability, long segmentBytes = 1024 * 1024) => new()
    {
        Directory = _directory,
        Durability = durability,
        SegmentBytes = segmentBytes,
        MaxBytes = 1024L * 1024 * 1024,
    };

    private static byte[] Payload(int worker, int i) => Encoding.UTF8.GetBytes($"w{worker}-{i}-" + new string('x', 40));

    private List<string> ReadAll(HitLogWriter writer, HitLogPosition from)
    {
        var reader = new HitLogReader(_directory, writer);
        var records = new List<byte[]>();
        var position = from;
        for (var round = 0; round < 1000; round++)
        {
            var before = records.Count;
            (position, _) = reader.Read(position, 500, records);
            if (records.Count == before && position >= writer.Committed)
            {
                break;
            }
        }

        return records.Select(r => Encoding.UTF8.GetString(r)).Select(s => string.Join('-', s.Split('-').Take(2))).ToList();
    }

    private static async Task WaitCommittedAsync(HitLogWriter writer, int hits)
    {
        // Memory mode acknowledges before writing; wait for the writer loop to catch up.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (writer.PendingBytes < hits * 50L && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
