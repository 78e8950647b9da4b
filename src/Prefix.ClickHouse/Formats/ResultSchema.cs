namespace Prefix.ClickHouse.Formats;

/// <summary>Column names and types from a <c>TabSeparatedWithNamesAndTypes</c> header, shared by every row.</summary>
internal sealed class ResultSchema
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    public ResultSchema(string[] names, string[] types, TimeZoneInfo serverTimeZone)
    {
        Names = names;
        Types = types;
        BaseTypes = new string[types.Length];
        TimeZones = new TimeZoneInfo[types.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _ordinals.TryAdd(names[i], i);
            BaseTypes[i] = ClickHouseTypeName.StripWrappers(types[i]);
            // A Date is a calendar day with no zone; only DateTime text is printed in a zone.
            TimeZones[i] = ClickHouseTypeName.TryGetTimeZone(BaseTypes[i]) is { } zone
                ? ResolveZone(zone)
                : BaseTypes[i].Contains("DateTime", StringComparison.Ordinal) ? serverTimeZone : TimeZoneInfo.Utc;
        }
    }

    public string[] Names { get; }

    public string[] Types { get; }

    /// <summary>Types without Nullable/LowCardinality, e.g. <c>Array(Float32)</c> or <c>DateTime</c>.</summary>
    public string[] BaseTypes { get; }

    /// <summary>The zone each DateTime column is printed in (its own, else the server's).</summary>
    public TimeZoneInfo[] TimeZones { get; }

    public int GetOrdinal(string name) =>
        _ordinals.TryGetValue(name, out var ordinal)
            ? ordinal
            : throw new ArgumentOutOfRangeException(nameof(name), name, "No such column in the result.");

    /// <summary>Whether any column prints DateTime in the server's zone, which then has to be known.</summary>
    public static bool NeedsServerTimeZone(IEnumerable<string> types) =>
        types.Any(t => t.Contains("DateTime", StringComparison.Ordinal) && ClickHouseTypeName.TryGetTimeZone(ClickHouseTypeName.StripWrappers(t)) is null);

    public static TimeZoneInfo ResolveZone(string zone) =>
        zone is "UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "Universal" or "Zulu" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zone);
}
