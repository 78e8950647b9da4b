using System.Globalization;
using System.Text;

namespace Prefix.Redis;

/// <summary>
/// A raw server reply. Bulk strings keep their exact bytes; arrays (and RESP3 maps, flattened as
/// key, value, key, value) hold nested results.
/// </summary>
public sealed class RedisResult
{
    private static readonly RedisResult[] EmptyItems = [];
    private static readonly RedisResult[] SmallIntegers = CreateSmallIntegers();

    private readonly object? _value;
    private readonly long _integer;

    private RedisResult(RedisResultType type, object? value, long integer)
    {
        Type = type;
        _value = value;
        _integer = integer;
    }

    public static RedisResult NullResult { get; } = new(RedisResultType.Null, null, 0);

    internal static RedisResult Ok { get; } = new(RedisResultType.SimpleString, "OK", 0);

    internal static RedisResult EmptyArray { get; } = new(RedisResultType.Array, EmptyItems, 0);

    public RedisResultType Type { get; }

    public bool IsNull => Type == RedisResultType.Null;

    /// <summary>Number of items of an array, set, map (keys and values) or push; 0 otherwise.</summary>
    public int Length => _value is RedisResult[] items ? items.Length : 0;

    public RedisResult this[int index] => Items[index];

    /// <summary>The nested results of an aggregate reply; empty for null and scalars.</summary>
    public IReadOnlyList<RedisResult> Items => _value as RedisResult[] ?? EmptyItems;

    internal static RedisResult Integer(long value) =>
        value is >= 0 and < 256 ? SmallIntegers[value] : new(RedisResultType.Integer, null, value);

    internal static RedisResult Bulk(byte[] value) => new(RedisResultType.BulkString, value, 0);

    internal static RedisResult Simple(string value) => value == "OK" ? Ok : new(RedisResultType.SimpleString, value, 0);

    internal static RedisResult Error(string message) => new(RedisResultType.Error, message, 0);

    internal static RedisResult Double(double value) => new(RedisResultType.Double, null, BitConverter.DoubleToInt64Bits(value));

    internal static RedisResult Boolean(bool value) => new(RedisResultType.Boolean, null, value ? 1 : 0);

    internal static RedisResult Aggregate(RedisResultType type, RedisResult[] items) =>
        items.Length == 0 && type == RedisResultType.Array ? EmptyArray : new(type, items, 0);

    /// <summary>The reply as a value: bulk bytes, text, integer or double; null for null replies.</summary>
    public RedisValue AsValue() => Type switch
    {
        RedisResultType.BulkString => (byte[])_value!,
        RedisResultType.SimpleString or RedisResultType.Error => (string)_value!,
        RedisResultType.Integer or RedisResultType.Boolean => _integer,
        RedisResultType.Double => BitConverter.Int64BitsToDouble(_integer),
        RedisResultType.Null => RedisValue.Null,
        _ => throw new InvalidCastException($"A {Type} reply is not a single value."),
    };

    /// <summary>The reply as text (UTF-8 decoded), or null for a null reply.</summary>
    public string? AsString() => Type switch
    {
        RedisResultType.BulkString => Encoding.UTF8.GetString((byte[])_value!),
        RedisResultType.SimpleString or RedisResultType.Error => (string)_value!,
        RedisResultType.Null => null,
        _ => AsValue().ToString(),
    };

    public byte[]? AsBytes() => Type == RedisResultType.BulkString ? (byte[])_value! : AsValue().ToByteArray();

    /// <summary>The reply as an integer (integer replies, or bulk/simple strings holding one).</summary>
    public long AsInt64() => Type is RedisResultType.Integer or RedisResultType.Boolean ? _integer : AsValue().ToInt64();

    public long? AsNullableInt64() => IsNull ? null : AsInt64();

    public double AsDouble() => Type switch
    {
        RedisResultType.Double => BitConverter.Int64BitsToDouble(_integer),
        RedisResultType.Integer => _integer,
        _ => AsValue().ToDouble(),
    };

    public double? AsNullableDouble() => IsNull ? null : AsDouble();

    public bool AsBoolean() => Type switch
    {
        RedisResultType.Integer or RedisResultType.Boolean => _integer != 0,
        RedisResultType.SimpleString => (string)_value! == "OK",
        _ => !IsNull,
    };

    /// <summary>Each item of an aggregate reply as a value; empty for a null reply.</summary>
    public RedisValue[] AsValues()
    {
        var items = Items;
        var values = new RedisValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].AsValue();
        }

        return values;
    }

    public override string ToString() => Type switch
    {
        RedisResultType.Null => "(nil)",
        RedisResultType.Error => "(error) " + (string)_value!,
        RedisResultType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        RedisResultType.Array or RedisResultType.Map or RedisResultType.Set or RedisResultType.Push =>
            "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]",
        _ => AsString() ?? string.Empty,
    };

    private static RedisResult[] CreateSmallIntegers()
    {
        var results = new RedisResult[256];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new RedisResult(RedisResultType.Integer, null, i);
        }

        return results;
    }
}
