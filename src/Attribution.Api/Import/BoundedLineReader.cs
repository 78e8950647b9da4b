using System.Buffers;
using System.IO.Pipelines;

namespace Attribution.Api.Import;

/// <summary>
/// Reads a request body line by line (LF or CRLF) with bounded memory: at most one line of
/// <c>maxLineBytes</c> plus one read is held. A longer line is reported as <see cref="TooLong"/> and
/// skipped to the next newline without being kept. A UTF-8 BOM before the first line is dropped.
/// </summary>
internal sealed class BoundedLineReader : IDisposable
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly PipeReader _reader;
    private readonly int _maxLineBytes;
    private byte[] _line;
    private ReadOnlySequence<byte> _buffer;
    private bool _haveBuffer;
    private bool _completed;
    private bool _skipping;
    private bool _finished;

    public BoundedLineReader(PipeReader reader, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _reader = reader;
        _maxLineBytes = maxLineBytes;
        _line = ArrayPool<byte>.Shared.Rent(maxLineBytes + 1);
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line last returned without its line ending; valid until the next read; empty when <see cref="TooLong"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>The line last returned was longer than the limit and was skipped.</summary>
    public bool TooLong { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_haveBuffer)
            {
                if (TryTakeLine())
                {
                    return true;
                }

                if (_completed)
                {
                    return TakeLast();
                }

                // Nothing consumed from the partial line, all of it examined: the next read waits for more bytes.
                _reader.AdvanceTo(_buffer.Start, _buffer.End);
                _haveBuffer = false;
            }

            if (_finished)
            {
                return false;
            }

            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            _buffer = result.Buffer;
            _completed = result.IsCompleted || result.IsCanceled;
            _haveBuffer = true;
        }
    }

    public void Dispose()
    {
        if (_haveBuffer)
        {
            _reader.AdvanceTo(_buffer.Start);
            _haveBuffer = false;
        }

        var line = _line;
        _line = [];
        if (line.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    private bool TryTakeLine()
    {
        var newline = _buffer.PositionOf((byte)'\n');
        if (newline is not { } end)
        {
            // +1: a CR may still belong to the line ending. Past that the line is too long whatever follows.
            if (_skipping || _buffer.Length > _maxLineBytes + 1)
            {
                _skipping = true;
                _buffer = _buffer.Slice(_buffer.End);
            }

            return false;
        }

        var line = _buffer.Slice(0, end);
        _buffer = _buffer.Slice(_buffer.GetPosition(1, end));
        var skipped = _skipping;
        _skipping = false;
        Emit(line, skipped);
        return true;
    }

    private bool TakeLast()
    {
        if (_skipping)
        {
            _skipping = false;
            Emit(ReadOnlySequence<byte>.Empty, tooLong: true);
            return true;
        }

        if (!_buffer.IsEmpty)
        {
            var line = _buffer;
            _buffer = _buffer.Slice(_buffer.End);
            Emit(line, tooLong: false);
            return true;
        }

        _reader.AdvanceTo(_buffer.End);
        _haveBuffer = false;
        _finished = true;
        return false;
    }

    private void Emit(ReadOnlySequence<byte> line, bool tooLong)
    {
        LineNumber++;
        var length = line.Length;
        if (length > 0 && line.Slice(length - 1).FirstSpan[0] == (byte)'\r')
        {
            length--;
        }

        TooLong = tooLong || length > _maxLineBytes;
        if (TooLong)
        {
            Line = ReadOnlyMemory<byte>.Empty;
            return;
        }

        line.Slice(0, length).CopyTo(_line);
        var start = LineNumber == 1 && _line.AsSpan(0, (int)length).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        Line = _line.AsMemory(start, (int)length - start);
    }
}
