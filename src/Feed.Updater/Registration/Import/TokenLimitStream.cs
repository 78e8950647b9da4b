namespace Feed.Updater.Registration.Import;

/// <summary>
/// Bounds how much an <see cref="System.Xml.XmlReader"/> can be made to buffer: XmlReader holds one whole tag
/// (with its attributes) or text node in memory, so a stream is refused once more than
/// <paramref name="maxTokenBytes"/> pass without a '&gt;' or a newline, either of which ends every normal OPML token.
/// </summary>
internal sealed class TokenLimitStream(Stream inner, int maxTokenBytes) : Stream
{
    private long _sinceBoundary;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(ReadOnlySpan<byte> read)
    {
        var boundary = read.LastIndexOfAny((byte)'>', (byte)'\n');
        _sinceBoundary = boundary < 0 ? _sinceBoundary + read.Length : read.Length - boundary - 1;
        if (_sinceBoundary > maxTokenBytes)
        {
            throw new ImportTokenTooLongException(maxTokenBytes);
        }

        return read.Length;
    }
}
