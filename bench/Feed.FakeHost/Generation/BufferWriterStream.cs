namespace Feed.FakeHost.Generation;

/// <summary>A write-only stream into a <see cref="ChunkedBuffer"/> (the target of GZipStream).</summary>
internal sealed class BufferWriterStream(ChunkedBuffer target) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => target.Length;

    public override long Position
    {
        get => target.Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => target.Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> bytes) => target.Write(bytes);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
