using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Prefix.Redis;

/// <summary>
/// A Redis argument or returned value: UTF-8 text, raw bytes, an integer or a double, or null.
/// Binary-safe: bytes are sent and returned exactly; text is encoded as UTF-8 only when written.
/// </summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _bits;
    private readonly Kind _kind;

    private RedisValue(Kind kind, string? text, ReadOnlyMemory<byte> bytes, long bits)
    {
        _kind = kind;
        _text = text;
        _bytes = bytes;
        _bits = bits;
    }

    private enum Kind : byte
    {
        Null,
        Text,
        Bytes,
        Int64,
        Double,
    }

    /// <summary>The null value (a missing key or field).</summary>
    public static RedisValue Null => default;

    /// <summary>The empty string.</summary>
    public static RedisValue EmptyString { get; } = new(Kind.Text, string.Empty, default, 0);

    public bool IsNull => _kind == Kind.Null;

    public bool IsNullOrEmpty => _kind switch
    {
        Kind.Null => true,
        Kind.Text => _text!.Length == 0,
        Kind.Bytes => _bytes.IsEmpty,
        _ => false,
    };

    public bool IsInteger => _kind == Kind.Int64;

    public static implicit operator RedisValue(string? value) => value is null ? Null : new(Kind.Text, value, default, 0);

    public static implicit operator RedisValue(byte[]? value) => value is null ? Null : new(Kind.Bytes, null, value, 0);

    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) => new(Kind.Bytes, null, value, 0);

    public static implicit operator RedisValue(long value) => new(Kind.Int64, null, default, value);

    public static implicit operator RedisValue(int value) => new(Kind.Int64, null, default, value);

    public static implicit operator RedisValue(double value) => new(Kind.Double, null, default, BitConverter.DoubleToInt64Bits(value));

    public static explicit operator string?(RedisValue value) => value.ToString();

    public static explicit operator byte[]?(RedisValue value) => value.ToByteArray();

    public static explicit operator long(RedisValue value) => value.ToInt64();

    public static explicit operator double(RedisValue value) => value.ToDouble();

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    public static RedisValue FromString(string? value) => value;

    public static RedisValue FromBytes(ReadOnlyMemory<byte> value) => value;

    public static RedisValue FromInt64(long value) => value;

    public static RedisValue FromDouble(double value) => value;

    /// <summary>The value as text (UTF-8 decoded), or null for <see cref="Null"/>.</summary>
    public override string? ToString() => _kind switch
    {
        Kind.Null => null,
        Kind.Text => _text,
        Kind.Bytes => Encoding.UTF8.GetString(_bytes.Span),
        Kind.Int64 => _bits.ToString(CultureInfo.InvariantCulture),
        _ => FormatDouble(BitConverter.Int64BitsToDouble(_bits)),
    };

    /// <summary>The exact bytes Redis stores for this value, or null for <see cref="Null"/>.</summary>
    public byte[]? ToByteArray()
    {
        if (_kind == Kind.Null)
        {
            return null;
        }

        if (_kind == Kind.Bytes)
        {
            return _bytes.ToArray();
        }

        var bytes = new byte[GetByteCount()];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The value parsed as a 64-bit integer, as Redis does for INCR.</summary>
    /// <exception cref="FormatException">The value is null or not an integer.</exception>
    public long ToInt64()
    {
        if (TryParseInt64(out var result))
        {
            return result;
        }

        throw new FormatException($"Redis value '{ToString()}' is not an integer.");
    }

    /// <summary>The value parsed as a double (accepts Redis' inf/-inf spellings).</summary>
    /// <exception cref="FormatException">The value is null or not a number.</exception>
    public double ToDouble()
    {
        switch (_kind)
        {
            case Kind.Double:
                return BitConverter.Int64BitsToDouble(_bits);
            case Kind.Int64:
                return _bits;
            case Kind.Null:
                break;
            default:
                if (RedisNumbers.TryParseDouble(ToString(), out var result))
                {
                    return result;
                }

                break;
        }

        throw new FormatException($"Redis value '{ToString()}' is not a number.");
    }

    public bool TryParseInt64(out long result)
    {
        switch (_kind)
        {
            case Kind.Int64:
                result = _bits;
                return true;
            case Kind.Bytes:
                return Utf8Parser.TryParse(_bytes.Span, out result, out var consumed) && consumed == _bytes.Length;
            case Kind.Text:
                return long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
            default:
                result = 0;
                return false;
        }
    }

    public bool Equals(RedisValue other)
    {
        if (IsNull || other.IsNull)
        {
            return IsNull && other.IsNull;
        }

        if (_kind == Kind.Bytes && other._kind == Kind.Bytes)
        {
            return _bytes.Span.SequenceEqual(other._bytes.Span);
        }

        return ToByteArray().AsSpan().SequenceEqual(other.ToByteArray());
    }

    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    public override int GetHashCode()
    {
        if (IsNull)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.AddBytes(_kind == Kind.Bytes ? _bytes.Span : ToByteArray());
        return hash.ToHashCode();
    }

    /// <summary>How many bytes <see cref="CopyTo"/> writes.</summary>
    internal int GetByteCount() => _kind switch
    {
        Kind.Null => 0,
        Kind.Text => Encoding.UTF8.GetByteCount(_text!),
        Kind.Bytes => _bytes.Length,
        Kind.Int64 => RedisNumbers.DigitCount(_bits),
        _ => Encoding.ASCII.GetByteCount(FormatDouble(BitConverter.Int64BitsToDouble(_bits))),
    };

    /// <summary>Raw bytes when the value already is bytes; the writer copies them without re-encoding.</summary>
    internal bool TryGetBytes(out ReadOnlyMemory<byte> bytes)
    {
        bytes = _bytes;
        return _kind == Kind.Bytes;
    }

    internal string? Text => _kind == Kind.Text ? _text : null;

    /// <summary>Writes the value's bytes; <paramref name="destination"/> is at least <see cref="GetByteCount"/> long.</summary>
    internal int CopyTo(Span<byte> destination)
    {
        switch (_kind)
        {
            case Kind.Null:
                return 0;
            case Kind.Text:
                return Encoding.UTF8.GetBytes(_text!, destination);
            case Kind.Bytes:
                _bytes.Span.CopyTo(destination);
                return _bytes.Length;
            case Kind.Int64:
                Utf8Formatter.TryFormat(_bits, destination, out var written);
                return written;
            default:
                return Encoding.ASCII.GetBytes(FormatDouble(BitConverter.Int64BitsToDouble(_bits)), destination);
        }
    }

    private static string FormatDouble(double value) => RedisNumbers.FormatDouble(value);
}
