using System.Text;

namespace Feed.Updater.Tests.Registration;

/// <summary>
/// A read-only stream that produces <c>count</c> lines on demand (line i from <c>lineFor(i)</c>, 1-based),
/// so million-line bodies are tested without holding them. <c>chunk</c> caps how much one read returns,
/// which exercises the readers' buffer boundaries.
/// </summary>
internal sealed class GeneratedLinesStream(long count, Func<long, string> lineFor, int chunk = int.MaxValue, string newline = "\n") : Stream
{
    private readonly byte[] _pending = new byte[64 * 1024];
    private int _pendingStart;
    private int _pendingEnd;
    private long _next = 1;

    public long BytesProduced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        var limit = Math.Min(buffer.Length, chunk);
        while (written < limit)
        {
            if (_pendingStart == _pendingEnd && !Refill())
            {
                break;
            }

            var take = Math.Min(limit - written, _pendingEnd - _pendingStart);
            _pending.AsSpan(_pendingStart, take).CopyTo(buffer[written..]);
            _pendingStart += take;
            written += take;
        }

        BytesProduced += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Refill()
    {
        _pendingStart = _pendingEnd = 0;
        // Whole lines (each much smaller than the buffer) until the buffer is nearly full.
        while (_next <= count && _pendingEnd < _pending.Length - 8192)
        {
            var line = lineFor(_next++) + newline;
            _pendingEnd += Encoding.UTF8.GetBytes(line, _pending.AsSpan(_pendingEnd));
        }

        return _pendingEnd > 0;
    }
}
