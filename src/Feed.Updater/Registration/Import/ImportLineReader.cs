using System.Buffers;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// Reads a body line by line (LF or CRLF) through one fixed pooled buffer, so memory stays bounded
/// whatever the body size. A line longer than the limit is reported as <see cref="TooLong"/> and skipped
/// up to the next newline without ever being held in memory. A UTF-8 BOM at the very start is dropped.
/// </summary>
internal sealed class ImportLineReader : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _started;

    public ImportLineReader(Stream stream, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        // Room for a full line plus its CRLF, and large enough that a read fetches many short lines at once.
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(maxLineBytes + 2, 64 * 1024));
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line last returned, without its line ending; valid until the next read. Empty when <see cref="TooLong"/>.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>The line last returned was longer than the limit and was skipped.</summary>
    public bool TooLong { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                newline += _scanned;
                SetLine(_start, newline);
                _start = _scanned = newline + 1;
                return true;
            }

            _scanned = _end;
            if (_end - _start > _maxLineBytes + 1)
            {
                // +1: a CR may still belong to the line ending. Beyond that the line is over the limit whatever follows.
                await SkipPastNewlineAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    Line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                SetLine(_start, _end);
                _start = _scanned = _end;
                return true;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void SetLine(int start, int end)
    {
        LineNumber++;
        if (end > start && _buffer[end - 1] == '\r')
        {
            end--;
        }

        TooLong = end - start > _maxLineBytes;
        Line = TooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(start, end - start);
    }

    private async ValueTask SkipPastNewlineAsync(CancellationToken cancellationToken)
    {
        LineNumber++;
        TooLong = true;
        Line = ReadOnlyMemory<byte>.Empty;
        while (true)
        {
            _start = _scanned = _end = 0;
            await FillAsync(cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                return;
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = _scanned = newline + 1;
                return;
            }
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        if (!_started && _end >= Utf8Bom.Length)
        {
            _started = true;
            if (_buffer.AsSpan(0, Utf8Bom.Length).SequenceEqual(Utf8Bom))
            {
                _start = _scanned = Utf8Bom.Length;
            }
        }
    }
}
