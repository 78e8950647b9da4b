using System.Text;
using Prefix.ClickHouse.Formats;

namespace Prefix.ClickHouse;

/// <summary>
/// One result row with typed getters. It keeps the row's raw escaped text and decodes a value only
/// when asked, so rows are cheap to stream and safe to keep after enumeration moves on.
/// </summary>
public sealed class ClickHouseRow
{
    private readonly ResultSchema _schema;
    private readonly byte[] _line;
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal ClickHouseRow(ResultSchema schema, byte[] line, int[] starts, int[] ends)
    {
        _schema = schema;
        _line = line;
        _starts = starts;
        _ends = ends;
    }

    public int FieldCount => _schema.Names.Length;

    public string GetName(int ordinal) => _schema.Names[ordinal];

    /// <summary>The ClickHouse type as the server reported it, e.g. <c>Nullable(UInt64)</c>.</summary>
    public string GetTypeName(int ordinal) => _schema.Types[ordinal];

    public int GetOrdinal(string name) => _schema.GetOrdinal(name);

    public bool IsNull(int ordinal) => TsvText.IsNull(Raw(ordinal));

    public string GetString(int ordinal) => TsvText.UnescapeToString(NotNull(ordinal));

    /// <summary>The exact bytes of a String/FixedString value (ClickHouse strings need not be UTF-8).</summary>
    public byte[] GetBytes(int ordinal) => TsvText.Unescape(NotNull(ordinal));

    public long GetInt64(int ordinal) => TsvText.ParseInt64(NotNull(ordinal));

    public ulong GetUInt64(int ordinal) => TsvText.ParseUInt64(NotNull(ordinal));

    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public double GetDouble(int ordinal) => TsvText.ParseDouble(NotNull(ordinal), IsFloat32(_schema.BaseTypes[ordinal]));

    /// <summary>A Date or DateTime as UTC (<see cref="DateTimeKind.Utc"/>), converted from the column's or server's zone.</summary>
    public DateTime GetDateTime(int ordinal) => TsvText.ParseDateTime(NotNull(ordinal), _schema.TimeZones[ordinal]);

    public Guid GetUuid(int ordinal) => TsvText.ParseUuid(NotNull(ordinal));

    public IReadOnlyList<string?> GetStringArray(int ordinal) =>
        MapArray(ordinal, (raw, quoted) => quoted ? TsvText.UnescapeToString(raw) : Encoding.UTF8.GetString(raw));

    /// <summary>Array(String) elements as exact bytes.</summary>
    public IReadOnlyList<byte[]?> GetBytesArray(int ordinal) => MapArray(ordinal, (raw, _) => TsvText.Unescape(raw));

    public IReadOnlyList<long?> GetInt64Array(int ordinal) => MapArray<long?>(ordinal, (raw, _) => TsvText.ParseInt64(raw));

    public IReadOnlyList<ulong?> GetUInt64Array(int ordinal) => MapArray<ulong?>(ordinal, (raw, _) => TsvText.ParseUInt64(raw));

    public IReadOnlyList<double?> GetDoubleArray(int ordinal)
    {
        var isFloat32 = ClickHouseTypeName.TryUnwrap(_schema.BaseTypes[ordinal], "Array", out var element)
            && IsFloat32(ClickHouseTypeName.StripWrappers(element));
        return MapArray<double?>(ordinal, (raw, _) => TsvText.ParseDouble(raw, isFloat32));
    }

    /// <summary>
    /// The value converted to <typeparamref name="T"/>: string, byte[], the integer types, double, float,
    /// bool, DateTime, Guid, their nullable forms, string[] and long[]/ulong[]/double[] arrays.
    /// </summary>
    public T GetFieldValue<T>(int ordinal) => (T)GetFieldValue(ordinal, typeof(T))!;

    public object? GetFieldValue(int ordinal, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var underlying = Nullable.GetUnderlyingType(type);
        if (IsNull(ordinal))
        {
            return underlying is not null || !type.IsValueType
                ? null
                : throw new InvalidCastException($"Column '{GetName(ordinal)}' is NULL and cannot be read as {type.Name}.");
        }

        var target = underlying ?? type;
        return target switch
        {
            _ when target == typeof(string) => GetString(ordinal),
            _ when target == typeof(byte[]) => GetBytes(ordinal),
            _ when target == typeof(long) => GetInt64(ordinal),
            _ when target == typeof(ulong) => GetUInt64(ordinal),
            _ when target == typeof(int) => GetInt32(ordinal),
            _ when target == typeof(uint) => checked((uint)GetUInt64(ordinal)),
            _ when target == typeof(short) => checked((short)GetInt64(ordinal)),
            _ when target == typeof(ushort) => checked((ushort)GetUInt64(ordinal)),
            _ when target == typeof(sbyte) => checked((sbyte)GetInt64(ordinal)),
            _ when target == typeof(byte) => checked((byte)GetUInt64(ordinal)),
            _ when target == typeof(bool) => GetUInt64(ordinal) != 0,
            _ when target == typeof(double) => GetDouble(ordinal),
            _ when target == typeof(float) => (float)GetDouble(ordinal),
            _ when target == typeof(DateTime) => GetDateTime(ordinal),
            _ when target == typeof(Guid) => GetUuid(ordinal),
            _ when target == typeof(string[]) => GetStringArray(ordinal).ToArray(),
            _ when target == typeof(long[]) => GetInt64Array(ordinal).Select(v => v ?? throw NullElement(ordinal)).ToArray(),
            _ when target == typeof(ulong[]) => GetUInt64Array(ordinal).Select(v => v ?? throw NullElement(ordinal)).ToArray(),
            _ when target == typeof(double[]) => GetDoubleArray(ordinal).Select(v => v ?? throw NullElement(ordinal)).ToArray(),
            _ => throw new NotSupportedException($"Reading a ClickHouse value as {type.Name} is not supported."),
        };
    }

    private static bool IsFloat32(string baseType) => baseType == "Float32";

    private InvalidCastException NullElement(int ordinal) =>
        new($"Column '{GetName(ordinal)}' has a NULL array element; read it with a nullable getter.");

    private ReadOnlySpan<byte> Raw(int ordinal) => _line.AsSpan(_starts[ordinal], _ends[ordinal] - _starts[ordinal]);

    private ReadOnlySpan<byte> NotNull(int ordinal)
    {
        var raw = Raw(ordinal);
        if (TsvText.IsNull(raw) && _schema.Types[ordinal].StartsWith("Nullable(", StringComparison.Ordinal))
        {
            throw new InvalidCastException($"Column '{GetName(ordinal)}' is NULL; check IsNull first.");
        }

        return raw;
    }

    private List<TElement?> MapArray<TElement>(int ordinal, ElementDecoder<TElement> decode)
    {
        var raw = NotNull(ordinal);
        var parts = TsvText.SplitArray(raw);
        var values = new List<TElement?>(parts.Count);
        foreach (var part in parts)
        {
            values.Add(part is { } p ? decode(raw.Slice(p.Start, p.Length), p.Quoted) : default);
        }

        return values;
    }

    private delegate T ElementDecoder<out T>(ReadOnlySpan<byte> raw, bool quoted);
}
