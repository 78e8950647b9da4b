using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Prefix.Redis.Protocol;

/// <summary>
/// Parses one RESP2/RESP3 reply from a byte sequence that may end anywhere. An incomplete reply
/// leaves the reader untouched so the caller can wait for more bytes and try again.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 64;

    /// <summary>Reads one complete reply, or returns false (reader unchanged) if more bytes are needed.</summary>
    /// <exception cref="RedisProtocolException">The bytes are not RESP.</exception>
    public static bool TryRead(ref SequenceReader<byte> reader, out RedisResult result)
    {
        var attempt = reader;
        if (TryReadValue(ref attempt, 0, out result!))
        {
            reader = attempt;
            return true;
        }

        result = null!;
        return false;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, int depth, out RedisResult? result)
    {
        result = null;
        if (!reader.TryRead(out var type) || !TryReadLine(ref reader, out var line))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
                result = RedisResult.Simple(Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                result = RedisResult.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                result = RedisResult.Integer(ParseInt64(line));
                return true;
            case (byte)'$' or (byte)'=' or (byte)'!':
                return TryReadBulk(ref reader, type, ParseInt64(line), out result);
            case (byte)'*' or (byte)'~' or (byte)'>':
                return TryReadAggregate(ref reader, type, ParseInt64(line), depth, out result);
            case (byte)'%':
                return TryReadAggregate(ref reader, type, checked(ParseInt64(line) * 2), depth, out result);
            case (byte)'|':
                // RESP3 attributes annotate the reply that follows; we have no use for them.
                return TryReadAggregate(ref reader, type, checked(ParseInt64(line) * 2), depth, out _)
                    && TryReadValue(ref reader, depth, out result);
            case (byte)'_':
                result = RedisResult.NullResult;
                return true;
            case (byte)',':
                var text = Encoding.ASCII.GetString(line);
                result = RedisNumbers.TryParseDouble(text, out var number)
                    ? RedisResult.Double(number)
                    : throw new RedisProtocolException($"Invalid RESP double '{text}'.");
                return true;
            case (byte)'#':
                result = RedisResult.Boolean(line.Length == 1 && line[0] == (byte)'t');
                return true;
            case (byte)'(':
                result = RedisResult.Bulk(line.ToArray());
                return true;
            default:
                throw new RedisProtocolException($"Unknown RESP type byte 0x{type:x2}.");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, byte type, long length, out RedisResult? result)
    {
        result = null;
        if (length < 0)
        {
            result = RedisResult.NullResult;
            return true;
        }

        // Length checks are O(1) on the sequence, so a 10 MB value waits for its bytes without rescanning them.
        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = length == 0 ? [] : new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("RESP bulk string is not followed by CRLF.");
        }

        if (type == (byte)'!')
        {
            result = RedisResult.Error(Encoding.UTF8.GetString(bytes));
        }
        else if (type == (byte)'=' && bytes.Length >= 4)
        {
            // Verbatim strings start with a 3-letter format and a colon ("txt:"); callers want the text.
            result = RedisResult.Bulk(bytes[4..]);
        }
        else
        {
            result = RedisResult.Bulk(bytes);
        }

        return true;
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, byte type, long count, int depth, out RedisResult? result)
    {
        result = null;
        if (count < 0)
        {
            result = RedisResult.NullResult;
            return true;
        }

        if (depth >= MaxDepth)
        {
            throw new RedisProtocolException("RESP reply nests too deeply.");
        }

        // Every element takes at least 3 bytes, so an absurd count is caught before allocating for it.
        if (count > reader.Remaining / 3 + 1 && count > 1024 * 1024)
        {
            return false;
        }

        var items = count == 0 ? [] : new RedisResult[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryReadValue(ref reader, depth + 1, out var item))
            {
                return false;
            }

            items[i] = item!;
        }

        var kind = type switch
        {
            (byte)'~' => RedisResultType.Set,
            (byte)'>' => RedisResultType.Push,
            (byte)'%' or (byte)'|' => RedisResultType.Map,
            _ => RedisResultType.Array,
        };
        result = RedisResult.Aggregate(kind, items);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            return false;
        }

        if (line.Length == 0 || line[^1] != (byte)'\r')
        {
            throw new RedisProtocolException("RESP line does not end with CRLF.");
        }

        line = line[..^1];
        return true;
    }

    private static long ParseInt64(ReadOnlySpan<byte> line)
    {
        if (Utf8Parser.TryParse(line, out long value, out var consumed) && consumed == line.Length)
        {
            return value;
        }

        throw new RedisProtocolException($"Invalid RESP integer '{Encoding.ASCII.GetString(line)}'.");
    }
}
