namespace Prefix.ClickHouse.Formats;

/// <summary>
/// Splits a TabSeparated response into lines while it streams in. A raw <c>\n</c> only ever ends a row
/// (values escape theirs), so no look-ahead into values is needed.
/// </summary>
internal sealed class TsvLineReader
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    public TsvLineReader(Stream stream) => _stream = stream;

    /// <summary>True when the last line returned had no terminating newline (a cut-off or error tail).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>The next line without its newline, or null at the end of the response.</summary>
    public async ValueTask<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                var line = _buffer.AsSpan(_start, lineEnd - _start).ToArray();
                _start = lineEnd + 1;
                return line;
            }

            if (_endOfStream)
            {
                if (_start == _end)
                {
                    return null;
                }

                LastLineUnterminated = true;
                var tail = _buffer.AsSpan(_start, _end - _start).ToArray();
                _start = _end;
                return tail;
            }

            // Everything buffered has been searched; only new bytes need searching after the read.
            var searched = _end - _start;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, searched);
                _start = 0;
                _end = searched;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
            searchFrom = _start + searched;
        }
    }
}
