using System.Globalization;
using System.Text;

namespace Prefix.ClickHouse;

/// <summary>
/// The one place SQL text is made from values. Every literal and identifier in the project goes
/// through here; user input is never concatenated into SQL any other way.
/// </summary>
/// <remarks>
/// String literals use single quotes with backslash escapes, which ClickHouse (18.16 and current) reads back
/// byte for byte. Identifiers use backquotes. Output is always pure ASCII-safe for control characters, so a
/// query can be logged or put in a URL without breaking.
/// </remarks>
public static class ClickHouseSql
{
    /// <summary>Longest identifier accepted; ClickHouse turns table names into file names.</summary>
    public const int MaxIdentifierLength = 200;

    /// <summary>The SQL NULL literal.</summary>
    public const string Null = "NULL";

    /// <summary>A quoted String literal holding exactly the UTF-8 bytes of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The string has unpaired surrogates, which have no UTF-8 form.</exception>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2);
        text.Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException($"String has an unpaired surrogate at index {i}; pass the bytes with Literal(byte[]) instead.", nameof(value));
            }
            else
            {
                AppendEscaped(text, c);
            }
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A quoted String literal holding exactly <paramref name="value"/> (any bytes, not just UTF-8).</summary>
    public static string Literal(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2);
        text.Append('\'');
        foreach (var b in value)
        {
            if (b >= 0x80)
            {
                // Non-ASCII bytes need not form UTF-8, and the query text is UTF-8, so they go as \xHH.
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
            else
            {
                AppendEscaped(text, (char)b);
            }
        }

        return text.Append('\'').ToString();
    }

    public static string Literal(long value) =>
        value == long.MinValue
            ? "toInt64('-9223372036854775808')" // -9223372036854775808 parses as -(UInt64 literal); the string form is exact.
            : value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(int value) => Literal((long)value);

    public static string Literal(uint value) => Literal((ulong)value);

    public static string Literal(bool value) => value ? "1" : "0";

    /// <summary>A Float64 literal that reads back exactly, including <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (double.IsSubnormal(value))
        {
            // 18.16's parser rejects subnormal literals (strtod underflow); scaling by 2^600 is exact both ways.
            return $"({Literal(value * Math.Pow(2, 600))} / {Literal(Math.Pow(2, 600))})";
        }

        // "R" is the shortest exact round-trip form; ".0" keeps whole numbers (and -0) Float64 rather than integers.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return text.StartsWith('-') ? $"(-{text[1..]})" : text;
    }

    /// <summary>
    /// A DateTime literal for the same instant. Local times are converted to UTC; Unspecified is taken as UTC.
    /// Seconds since the epoch make it independent of the server's time zone.
    /// </summary>
    public static string Literal(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var seconds = (long)Math.Floor((utc - DateTime.UnixEpoch).TotalSeconds);
        if (seconds is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "ClickHouse DateTime holds 1970-01-01 to 2106-02-07 (UTC).");
        }

        return $"toDateTime({seconds.ToString(CultureInfo.InvariantCulture)})";
    }

    public static string Literal(DateOnly value) =>
        $"toDate('{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    public static string Literal(Guid value) => $"toUUID('{value.ToString("D")}')";

    public static string Literal(IEnumerable<string> values) => Array(values, Literal);

    public static string Literal(IEnumerable<long> values) => Array(values, Literal);

    public static string Literal(IEnumerable<ulong> values) => Array(values, Literal);

    public static string Literal(IEnumerable<double> values) => Array(values, Literal);

    /// <summary>
    /// A backquoted identifier (database, table, column). Backquotes and backslashes are escaped; empty
    /// names, control characters and over-long names are rejected because they only come from bugs or attacks.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or has control characters or unpaired surrogates.</exception>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxIdentifierLength)
        {
            throw new ArgumentException($"Identifier must be 1 to {MaxIdentifierLength} characters long.", nameof(name));
        }

        var text = new StringBuilder(name.Length + 2);
        text.Append('`');
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Identifier has a control character (U+{(int)c:X4}) at index {i}.", nameof(name));
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])))
            {
                throw new ArgumentException($"Identifier has an unpaired surrogate at index {i}.", nameof(name));
            }

            if (char.IsHighSurrogate(c))
            {
                text.Append(c).Append(name[++i]);
                continue;
            }

            if (c is '`' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('`').ToString();
    }

    /// <summary>A qualified name <c>`database`.`table`</c>.</summary>
    public static string Identifier(string database, string table) => $"{Identifier(database)}.{Identifier(table)}";

    private static void AppendEscaped(StringBuilder text, char c)
    {
        switch (c)
        {
            case '\\': text.Append("\\\\"); break;
            case '\'': text.Append("\\'"); break;
            case '\n': text.Append("\\n"); break;
            case '\r': text.Append("\\r"); break;
            case '\t': text.Append("\\t"); break;
            case '\0': text.Append("\\0"); break;
            case < ' ' or '\x7F': text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"); break;
            default: text.Append(c); break;
        }
    }

    private static string Array<T>(IEnumerable<T> values, Func<T, string> literal)
    {
        ArgumentNullException.ThrowIfNull(values);
        return "[" + string.Join(", ", values.Select(literal)) + "]";
    }
}
