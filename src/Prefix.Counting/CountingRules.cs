namespace Prefix.Counting;

/// <summary>The knobs of one counting run. Every result carries <see cref="RulesetVersion"/>, the window and the mode.</summary>
public sealed record CountingRules
{
    /// <summary>
    /// Version of the counting rules implemented here. Any change that can change a number (a reason
    /// code, a threshold formula, a window edge, a default below) bumps it, so stored results say which
    /// rules made them and old raw hits can be recounted under the new ones.
    /// </summary>
    public const string RulesetVersion = "prefix-2026.11-1";

    /// <summary>Default of <see cref="ExcessiveIpCeiling"/>.</summary>
    public const int DefaultExcessiveIpCeiling = 50;

    /// <summary>Window cut per (episode key, listener key). Default <see cref="CountingWindow.Calendar"/>.</summary>
    public CountingWindow Window { get; init; } = CountingWindow.Calendar;

    /// <summary>Byte measurement. Default <see cref="CountingMode.Prefix"/>.</summary>
    public CountingMode Mode { get; init; } = CountingMode.Prefix;

    /// <summary>
    /// Excessive-IP guard: when one household key (IP*) has MORE than this many distinct downloads
    /// (episode, listener, window) in one window (the UTC day for calendar; a rolling window over its
    /// downloads otherwise), all of them are suspect. Default 50: a home or a phone's /64 does not fetch
    /// 50 different episode/device pairs a day, while shared NATs that do (offices, campuses) belong on
    /// <see cref="SafeHouseholds"/>.
    /// </summary>
    public int ExcessiveIpCeiling { get; init; } = DefaultExcessiveIpCeiling;

    /// <summary>Household keys exempt from the excessive-IP guard. Default empty.</summary>
    public IReadOnlySet<string> SafeHouseholds { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
