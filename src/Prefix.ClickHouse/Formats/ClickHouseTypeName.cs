namespace Prefix.ClickHouse.Formats;

/// <summary>Small helpers over ClickHouse type names such as <c>Nullable(DateTime('UTC'))</c>.</summary>
internal static class ClickHouseTypeName
{
    /// <summary>Removes outer <c>Nullable(...)</c> and <c>LowCardinality(...)</c>; they do not change the text form.</summary>
    public static string StripWrappers(string type)
    {
        while (true)
        {
            if (TryUnwrap(type, "Nullable", out var inner) || TryUnwrap(type, "LowCardinality", out inner))
            {
                type = inner;
                continue;
            }

            return type;
        }
    }

    /// <summary>The argument of <c>Name(arg)</c>, e.g. <c>String</c> for <c>Array(String)</c>.</summary>
    public static bool TryUnwrap(string type, string wrapper, out string inner)
    {
        if (type.Length > wrapper.Length + 2
            && type.StartsWith(wrapper, StringComparison.Ordinal)
            && type[wrapper.Length] == '('
            && type[^1] == ')')
        {
            inner = type[(wrapper.Length + 1)..^1].Trim();
            return true;
        }

        inner = type;
        return false;
    }

    /// <summary>The zone of <c>DateTime('Europe/Berlin')</c>, or null for a plain <c>DateTime</c>.</summary>
    public static string? TryGetTimeZone(string baseType)
    {
        if (TryUnwrap(baseType, "DateTime", out var argument))
        {
            return argument.Trim('\'', ' ');
        }

        return null;
    }
}
