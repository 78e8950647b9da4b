using System.Text;

namespace Prefix.ClickHouse.Tests;

/// <summary>Deterministic rows for round-trip tests: row i is always the same, so read-back compares against a regeneration.</summary>
internal static class RowGenerator
{
    public static readonly string[] Columns =
    [
        "id", "s", "b", "fs", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
        "f32", "f64", "d", "dt", "uuid", "ns", "ni", "arr_s", "arr_u", "lc",
    ];

    public const string TableColumns =
        "id UInt64, s String, b String, fs FixedString(4), u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64, "
        + "i8 Int8, i16 Int16, i32 Int32, i64 Int64, f32 Float32, f64 Float64, d Date, dt DateTime, uuid UUID, "
        + "ns Nullable(String), ni Nullable(Int64), arr_s Array(String), arr_u Array(UInt64), lc LowCardinality(String)";

    public static readonly string[] HostileStrings =
    [
        string.Empty, "'", "\\", "\\'", "''", "\t", "\n", "\r", "\r\n", "\0", "a\0b", "\\N", "NULL", "Code: 62, e.displayText()",
        "'; DROP TABLE x; --", "`", "\"", "[1,2]", "['a']", "ü", "中文", "😀", "\u2028", "\uFEFF", "\x01\x1f\x7f", "\\x41", "%00",
        new string('x', 5000),
    ];

    public static object?[] Row(long i)
    {
        var r = Mix((ulong)i);
        var r2 = Mix(r);
        var r3 = Mix(r2);
        var edge = i % 97 == 0 ? 0 : i % 97 == 1 ? 1 : 2; // 0 = minimums, 1 = maximums, 2 = random
        return
        [
            (ulong)i,
            StringValue(i, r),
            BytesValue(i, r2),
            FixedValue(r3),
            edge switch { 0 => (byte)0, 1 => byte.MaxValue, _ => (byte)r },
            edge switch { 0 => (ushort)0, 1 => ushort.MaxValue, _ => (ushort)r2 },
            edge switch { 0 => 0u, 1 => uint.MaxValue, _ => (uint)r3 },
            edge switch { 0 => 0ul, 1 => ulong.MaxValue, _ => r },
            edge switch { 0 => sbyte.MinValue, 1 => sbyte.MaxValue, _ => (sbyte)r2 },
            edge switch { 0 => short.MinValue, 1 => short.MaxValue, _ => (short)r3 },
            edge switch { 0 => int.MinValue, 1 => int.MaxValue, _ => (int)r },
            edge switch { 0 => long.MinValue, 1 => long.MaxValue, _ => (long)r2 },
            FloatValue(i, r3),
            DoubleValue(i, r),
            DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(edge switch { 0 => 0, 1 => 47_000, _ => (int)(r2 % 47_000) }),
            DateTime.UnixEpoch.AddSeconds(edge switch { 0 => 0, 1 => 4_000_000_000, _ => (long)(r3 % 4_000_000_000) }),
            UuidValue(r, r2),
            i % 3 == 0 ? null : StringValue(i + 7, r3),
            i % 4 == 0 ? null : (long)r3,
            ArrayOfStrings(i, r),
            ArrayOfNumbers(r2),
            HostileStrings[(int)(r3 % (ulong)HostileStrings.Length)],
        ];
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64: a fixed, fast function of the row number.
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private static string StringValue(long i, ulong r)
    {
        if (i % 5 == 0)
        {
            return HostileStrings[(int)(r % (ulong)HostileStrings.Length)];
        }

        var text = new StringBuilder();
        var length = (int)(r % 24);
        for (var k = 0; k < length; k++)
        {
            r = Mix(r);
            text.Append((r % 8) switch
            {
                0 => '\t',
                1 => '\\',
                2 => '\'',
                3 => (char)(0x4E00 + (int)(r % 500)),
                4 => '\n',
                _ => (char)('a' + (int)(r % 26)),
            });
        }

        return text.ToString();
    }

    private static byte[] BytesValue(long i, ulong r)
    {
        var length = i % 11 == 0 ? 0 : (int)(r % 20);
        var bytes = new byte[length];
        for (var k = 0; k < length; k++)
        {
            r = Mix(r);
            bytes[k] = (byte)r; // includes 0x80-0xFF in invalid UTF-8 sequences, NUL, tab, backslash, quote
        }

        return bytes;
    }

    private static byte[] FixedValue(ulong r) => [(byte)r, (byte)(r >> 8), (byte)(r >> 16), (byte)(r >> 24)];

    private static float FloatValue(long i, ulong r) => (i % 50) switch
    {
        0 => float.NaN,
        1 => float.PositiveInfinity,
        2 => float.NegativeInfinity,
        3 => -0.0f,
        4 => float.Epsilon,
        5 => float.MaxValue,
        _ => BitConverter.Int32BitsToSingle((int)r),
    };

    private static double DoubleValue(long i, ulong r) => (i % 50) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.0,
        4 => double.Epsilon,
        5 => double.MaxValue,
        6 => 0.1,
        _ => BitConverter.Int64BitsToDouble((long)r),
    };

    private static Guid UuidValue(ulong a, ulong b)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        return new Guid(bytes);
    }

    private static string[] ArrayOfStrings(long i, ulong r)
    {
        var count = (int)(r % 4);
        var values = new string[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = StringValue(i + k + 1, Mix(r + (ulong)k));
        }

        return values;
    }

    private static ulong[] ArrayOfNumbers(ulong r)
    {
        var count = (int)(r % 5);
        var values = new ulong[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = k == 0 ? ulong.MaxValue : Mix(r + (ulong)k);
        }

        return values;
    }
}
