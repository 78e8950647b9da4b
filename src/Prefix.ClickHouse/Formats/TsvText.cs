using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Prefix.ClickHouse.Formats;

/// <summary>Decoding of ClickHouse's escaped text values (TabSeparated fields and quoted array elements).</summary>
internal static class TsvText
{
    /// <summary>ClickHouse writes NULL in TabSeparated as <c>\N</c>.</summary>
    public static bool IsNull(ReadOnlySpan<byte> field) => field.Length == 2 && field[0] == (byte)'\\' && field[1] == (byte)'N';

    /// <summary>Undoes ClickHouse backslash escaping: <c>\t \n \r \0 \b \f \a \v \xHH</c>, and <c>\c</c> for any other c.</summary>
    public static byte[] Unescape(ReadOnlySpan<byte> raw)
    {
        var backslash = raw.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return raw.ToArray();
        }

        var output = new byte[raw.Length];
        raw[..backslash].CopyTo(output);
        var length = backslash;
        for (var i = backslash; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b != (byte)'\\' || i + 1 == raw.Length)
            {
                output[length++] = b;
                continue;
            }

            var next = raw[++i];
            switch (next)
            {
                case (byte)'t': output[length++] = (byte)'\t'; break;
                case (byte)'n': output[length++] = (byte)'\n'; break;
                case (byte)'r': output[length++] = (byte)'\r'; break;
                case (byte)'0': output[length++] = 0; break;
                case (byte)'b': output[length++] = (byte)'\b'; break;
                case (byte)'f': output[length++] = (byte)'\f'; break;
                case (byte)'a': output[length++] = (byte)'\a'; break;
                case (byte)'v': output[length++] = (byte)'\v'; break;
                case (byte)'x' when i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]):
                    output[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                    i += 2;
                    break;
                default: output[length++] = next; break;
            }
        }

        return output.AsSpan(0, length).ToArray();
    }

    public static string UnescapeToString(ReadOnlySpan<byte> raw) =>
        raw.Contains((byte)'\\') ? Encoding.UTF8.GetString(Unescape(raw)) : Encoding.UTF8.GetString(raw);

    public static long ParseInt64(ReadOnlySpan<byte> raw) =>
        Utf8Parser.TryParse(raw, out long value, out var consumed) && consumed == raw.Length
            ? value
            : throw Invalid(raw, "Int64");

    public static ulong ParseUInt64(ReadOnlySpan<byte> raw) =>
        Utf8Parser.TryParse(raw, out ulong value, out var consumed) && consumed == raw.Length
            ? value
            : throw Invalid(raw, "UInt64");

    /// <summary>Parses a float as ClickHouse prints it (<c>nan</c>, <c>inf</c>, <c>-inf</c>, shortest round-trip digits).</summary>
    public static double ParseDouble(ReadOnlySpan<byte> raw, bool isFloat32)
    {
        if (raw.SequenceEqual("nan"u8) || raw.SequenceEqual("-nan"u8))
        {
            return double.NaN;
        }

        if (raw.SequenceEqual("inf"u8) || raw.SequenceEqual("+inf"u8))
        {
            return double.PositiveInfinity;
        }

        if (raw.SequenceEqual("-inf"u8))
        {
            return double.NegativeInfinity;
        }

        // Float32 is printed with the fewest digits that identify the float, so it must be parsed as float.
        if (isFloat32)
        {
            return float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var single)
                ? single
                : throw Invalid(raw, "Float32");
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(raw, "Float64");
    }

    /// <summary>
    /// Parses <c>yyyy-MM-dd HH:mm:ss</c> or <c>yyyy-MM-dd</c> in <paramref name="zone"/> to UTC. ClickHouse 18.x
    /// prints the zero value as <c>0000-00-00 00:00:00</c>; that is the Unix epoch.
    /// </summary>
    public static DateTime ParseDateTime(ReadOnlySpan<byte> raw, TimeZoneInfo zone)
    {
        if (raw.StartsWith("0000-00-00"u8))
        {
            return DateTime.UnixEpoch;
        }

        Span<char> text = stackalloc char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            text[i] = (char)raw[i];
        }

        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw Invalid(raw, "DateTime");
        }

        return zone == TimeZoneInfo.Utc
            ? DateTime.SpecifyKind(local, DateTimeKind.Utc)
            : TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static Guid ParseUuid(ReadOnlySpan<byte> raw) =>
        Utf8Parser.TryParse(raw, out Guid value, out var consumed, 'D') && consumed == raw.Length
            ? value
            : throw Invalid(raw, "UUID");

    /// <summary>
    /// Splits an array value such as <c>[1,2]</c> or <c>['a\'b','c']</c> into raw element texts. Quoted
    /// elements keep their escapes (callers unescape); <c>NULL</c> elements come back as null.
    /// </summary>
    public static List<(int Start, int Length, bool Quoted)?> SplitArray(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 2 || raw[0] != (byte)'[' || raw[^1] != (byte)']')
        {
            throw Invalid(raw, "Array");
        }

        var elements = new List<(int, int, bool)?>();
        var i = 1;
        var end = raw.Length - 1;
        while (i < end)
        {
            if (raw[i] == (byte)'\'')
            {
                var start = ++i;
                while (i < end && raw[i] != (byte)'\'')
                {
                    i += raw[i] == (byte)'\\' ? 2 : 1;
                }

                if (i >= end)
                {
                    throw Invalid(raw, "Array");
                }

                elements.Add((start, i - start, true));
                i++;
            }
            else
            {
                if (raw[i] == (byte)'[')
                {
                    throw new NotSupportedException("Nested arrays are not supported by the typed array getters.");
                }

                var start = i;
                while (i < end && raw[i] != (byte)',')
                {
                    i++;
                }

                var element = raw[start..i];
                elements.Add(element.SequenceEqual("NULL"u8) ? null : (start, i - start, false));
            }

            if (i < end)
            {
                if (raw[i] != (byte)',')
                {
                    throw Invalid(raw, "Array");
                }

                i++;
            }
        }

        return elements;
    }

    private static FormatException Invalid(ReadOnlySpan<byte> raw, string type)
    {
        var shown = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 64)]);
        return new FormatException($"'{shown}' is not a valid {type} value.");
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
