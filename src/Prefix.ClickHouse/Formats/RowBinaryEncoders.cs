using System.Collections;
using System.Globalization;

namespace Prefix.ClickHouse.Formats;

/// <summary>Writes one CLR value as a RowBinary value of a given ClickHouse column type.</summary>
internal delegate void ColumnEncoder(RowBinaryWriter writer, object? value);

/// <summary>
/// Builds a <see cref="ColumnEncoder"/> per column type once per insert. Values are range-checked, so an
/// out-of-range number fails the insert with the column name instead of wrapping silently.
/// </summary>
internal static class RowBinaryEncoders
{
    public static ColumnEncoder Create(string type)
    {
        type = type.Trim();
        if (ClickHouseTypeName.TryUnwrap(type, "LowCardinality", out var inner))
        {
            // RowBinary carries LowCardinality(T) exactly like T.
            return Create(inner);
        }

        if (ClickHouseTypeName.TryUnwrap(type, "Nullable", out inner))
        {
            var value = Create(inner);
            return (w, v) =>
            {
                w.WriteByte(v is null ? (byte)1 : (byte)0);
                if (v is not null)
                {
                    value(w, v);
                }
            };
        }

        if (ClickHouseTypeName.TryUnwrap(type, "Array", out inner))
        {
            var element = Create(inner);
            return (w, v) => WriteArray(w, v, element);
        }

        if (ClickHouseTypeName.TryUnwrap(type, "FixedString", out inner))
        {
            var size = int.Parse(inner, NumberStyles.None, CultureInfo.InvariantCulture);
            return (w, v) => WriteFixedString(w, v, size);
        }

        if (type.StartsWith("DateTime(", StringComparison.Ordinal))
        {
            // The zone only affects text; the stored value is Unix seconds either way.
            type = "DateTime";
        }

        return type switch
        {
            "String" => WriteString,
            "UInt8" => (w, v) => w.WriteByte((byte)Unsigned(v, byte.MaxValue, type)),
            "UInt16" => (w, v) => w.WriteUInt16((ushort)Unsigned(v, ushort.MaxValue, type)),
            "UInt32" => (w, v) => w.WriteUInt32((uint)Unsigned(v, uint.MaxValue, type)),
            "UInt64" => (w, v) => w.WriteUInt64(Unsigned(v, ulong.MaxValue, type)),
            "Int8" => (w, v) => w.WriteByte((byte)(sbyte)Signed(v, sbyte.MinValue, sbyte.MaxValue, type)),
            "Int16" => (w, v) => w.WriteUInt16((ushort)(short)Signed(v, short.MinValue, short.MaxValue, type)),
            "Int32" => (w, v) => w.WriteUInt32((uint)(int)Signed(v, int.MinValue, int.MaxValue, type)),
            "Int64" => (w, v) => w.WriteUInt64((ulong)Signed(v, long.MinValue, long.MaxValue, type)),
            "Float32" => (w, v) => w.WriteSingle(v is float f ? f : (float)ToDouble(v, type)),
            "Float64" => (w, v) => w.WriteDouble(ToDouble(v, type)),
            "Date" => (w, v) => w.WriteUInt16(ToDays(v)),
            "DateTime" => (w, v) => w.WriteUInt32(ToUnixSeconds(v)),
            "UUID" => (w, v) => WriteUuid(w, v),
            _ => throw new NotSupportedException($"Inserting into a column of type {type} is not supported."),
        };
    }

    private static void WriteString(RowBinaryWriter writer, object? value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(s);
                break;
            case byte[] bytes:
                writer.WriteVarUInt((ulong)bytes.Length);
                writer.WriteBytes(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteVarUInt((ulong)memory.Length);
                writer.WriteBytes(memory.Span);
                break;
            default:
                throw Mismatch(value, "String");
        }
    }

    private static void WriteFixedString(RowBinaryWriter writer, object? value, int size)
    {
        var bytes = value switch
        {
            string s => RowBinaryWriter.StrictUtf8.GetBytes(s),
            byte[] b => b,
            _ => throw Mismatch(value, $"FixedString({size})"),
        };
        if (bytes.Length > size)
        {
            throw new ArgumentException($"Value of {bytes.Length} bytes does not fit FixedString({size}).");
        }

        // FixedString pads with NUL bytes, as the server does for short text input.
        writer.WriteBytes(bytes);
        for (var i = bytes.Length; i < size; i++)
        {
            writer.WriteByte(0);
        }
    }

    private static void WriteArray(RowBinaryWriter writer, object? value, ColumnEncoder element)
    {
        if (value is null or string || value is not IEnumerable items)
        {
            throw Mismatch(value, "Array");
        }

        var list = items as IList ?? items.Cast<object?>().ToList();
        writer.WriteVarUInt((ulong)list.Count);
        foreach (var item in list)
        {
            element(writer, item);
        }
    }

    private static void WriteUuid(RowBinaryWriter writer, object? value)
    {
        var guid = value switch
        {
            Guid g => g,
            string s => Guid.Parse(s, CultureInfo.InvariantCulture),
            _ => throw Mismatch(value, "UUID"),
        };

        // ClickHouse stores a UUID as two little-endian UInt64 halves of its big-endian (text-order) bytes.
        Span<byte> bigEndian = stackalloc byte[16];
        guid.TryWriteBytes(bigEndian, bigEndian: true, out _);
        bigEndian[..8].Reverse();
        bigEndian[8..].Reverse();
        writer.WriteBytes(bigEndian);
    }

    private static ulong Unsigned(object? value, ulong max, string type)
    {
        ulong result = value switch
        {
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u => u,
            sbyte s when s >= 0 => (ulong)s,
            short s when s >= 0 => (ulong)s,
            int i when i >= 0 => (ulong)i,
            long l when l >= 0 => (ulong)l,
            bool b => b ? 1UL : 0UL,
            _ => throw Mismatch(value, type),
        };
        return result <= max ? result : throw OutOfRange(value, type);
    }

    private static long Signed(object? value, long min, long max, string type)
    {
        long result = value switch
        {
            sbyte s => s,
            short s => s,
            int i => i,
            long l => l,
            byte b => b,
            ushort u => u,
            uint u => u,
            ulong u when u <= long.MaxValue => (long)u,
            bool b => b ? 1 : 0,
            _ => throw Mismatch(value, type),
        };
        return result >= min && result <= max ? result : throw OutOfRange(value, type);
    }

    private static double ToDouble(object? value, string type) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        uint u => u,
        ulong u => u,
        decimal m => (double)m,
        _ => throw Mismatch(value, type),
    };

    private static ushort ToDays(object? value)
    {
        var days = value switch
        {
            DateOnly d => d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
            DateTime t => (int)Math.Floor((Utc(t) - DateTime.UnixEpoch).TotalDays),
            _ => throw Mismatch(value, "Date"),
        };
        return days is >= 0 and <= ushort.MaxValue ? (ushort)days : throw OutOfRange(value, "Date");
    }

    private static uint ToUnixSeconds(object? value)
    {
        var seconds = value switch
        {
            DateTime t => (long)Math.Floor((Utc(t) - DateTime.UnixEpoch).TotalSeconds),
            DateTimeOffset o => o.ToUnixTimeSeconds(),
            _ => throw Mismatch(value, "DateTime"),
        };
        return seconds is >= 0 and <= uint.MaxValue ? (uint)seconds : throw OutOfRange(value, "DateTime");
    }

    /// <summary>Local times are converted; Unspecified is taken to be UTC already (the project stores UTC).</summary>
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    private static ArgumentException Mismatch(object? value, string type) =>
        new(value is null
            ? $"NULL cannot be written to a non-Nullable {type} column."
            : $"A {value.GetType().Name} cannot be written to a {type} column.");

    private static ArgumentOutOfRangeException OutOfRange(object? value, string type) =>
        new(nameof(value), value, $"Value is out of range for {type}.");
}
