namespace Prefix.ClickHouse.Http;

/// <summary>
/// A write-only pass-through that can be cut: after <see cref="Cut"/> writes are dropped. Used so that
/// disposing the gzip writer of a failed insert cannot finish the gzip stream; the server then sees a
/// truncated stream and rejects the batch instead of committing the rows that arrived.
/// </summary>
internal sealed class CuttableStream : Stream
{
    private readonly Stream _inner;
    private bool _cut;

    public CuttableStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Cut() => _cut = true;

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_cut)
        {
            _inner.Write(buffer, offset, count);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_cut)
        {
            _inner.Write(buffer);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _cut ? ValueTask.CompletedTask : _inner.WriteAsync(buffer, cancellationToken);

    public override void Flush()
    {
        if (!_cut)
        {
            _inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _cut ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
