using System.Buffers;
using System.Buffers.Text;

namespace Prefix.Redis.Protocol;

/// <summary>
/// Finds where one RESP reply ends without building it, and remembers how far it got, so a reply that
/// arrives in many reads (an XREADGROUP of 20,000 entries is ~20 MB) is scanned once in total instead
/// of being parsed from its start again on every read, which made big replies quadratic.
/// </summary>
internal sealed class RespFrameScanner
{
    private readonly Stack<long> _remaining = new();
    private long _offset;

    /// <summary>Bytes walked over in total, re-reads included: what keeps big replies linear (tests check it).</summary>
    internal long ScannedBytes { get; private set; }

    public void Reset()
    {
        _remaining.Clear();
        _offset = 0;
    }

    /// <summary>
    /// Continues scanning the reply at the start of <paramref name="data"/> (the same start as on the
    /// previous call, with more bytes after it). True when the whole reply is present.
    /// </summary>
    public bool Scan(in ReadOnlySequence<byte> data)
    {
        var reader = new SequenceReader<byte>(data);
        var start = _offset;
        reader.Advance(start);
        var complete = ScanFrom(ref reader);
        ScannedBytes += reader.Consumed - start;
        return complete;
    }

    private bool ScanFrom(ref SequenceReader<byte> reader)
    {
        while (true)
        {
            var elementStart = reader.Consumed;
            if (!reader.TryRead(out var type) || !reader.TryReadTo(out ReadOnlySpan<byte> line, "\r\n"u8))
            {
                _offset = elementStart;
                return false;
            }

            long pendingChildren = 0;
            switch (type)
            {
                case (byte)'$' or (byte)'=' or (byte)'!':
                    var length = Parse(line);
                    if (length >= 0)
                    {
                        if (reader.Remaining < length + 2)
                        {
                            _offset = elementStart;
                            return false;
                        }

                        reader.Advance(length + 2);
                    }

                    break;
                case (byte)'*' or (byte)'~' or (byte)'>':
                    pendingChildren = Parse(line);
                    break;
                case (byte)'%' or (byte)'|':
                    pendingChildren = Parse(line) * 2;
                    break;
                case (byte)'+' or (byte)'-' or (byte)':' or (byte)'_' or (byte)',' or (byte)'#' or (byte)'(':
                    break;
                default:
                    throw new RedisProtocolException($"Unknown RESP type byte 0x{type:x2}.");
            }

            if (pendingChildren > 0)
            {
                _remaining.Push(pendingChildren);
                continue;
            }

            // One element finished: it may finish its parents too.
            while (_remaining.Count > 0)
            {
                var left = _remaining.Pop() - 1;
                if (left > 0)
                {
                    _remaining.Push(left);
                    break;
                }
            }

            if (_remaining.Count == 0)
            {
                _offset = reader.Consumed;
                return true;
            }
        }
    }

    private static long Parse(ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(line, out long value, out var used) && used == line.Length
            ? value
            : throw new RedisProtocolException("Invalid RESP length.");
}
