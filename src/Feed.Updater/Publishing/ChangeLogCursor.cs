using System.Globalization;

namespace Feed.Updater.Publishing;

/// <summary>
/// The change-log cursor is a Redis Stream id, <c>&lt;milliseconds&gt;-&lt;sequence&gt;</c> (both decimal, 64-bit):
/// what GET /v1/changes returns as <c>nextCursor</c> and what a webhook's state records as delivered.
/// </summary>
internal static class ChangeLogCursor
{
    /// <summary>Before every entry: reading after it returns the whole retained log.</summary>
    public const string Start = "0-0";

    private const string Largest = "18446744073709551615-18446744073709551615";

    /// <summary>True for <c>digits-digits</c> with both parts fitting in 64 bits.</summary>
    public static bool IsValid(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > Largest.Length)
        {
            return false;
        }

        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && ulong.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>The id after which nothing can follow; XRANGE refuses it as an exclusive start.</summary>
    public static bool IsLargest(string cursor) => string.Equals(cursor, Largest, StringComparison.Ordinal);

    /// <summary>The message for a cursor that is not one, naming the parameter and the bad value.</summary>
    public static string Describe(string parameter, string? value) =>
        $"{parameter} must be a cursor of the form <milliseconds>-<sequence>, as nextCursor returns it (e.g. 1700000000000-0, or 0-0 for the start of the log); got '{Truncate(value)}'";

    /// <summary>The millisecond part (Redis server time of the XADD), or null when the id is not a cursor.</summary>
    public static long? Milliseconds(string cursor)
    {
        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    private static string? Truncate(string? value) => value is { Length: > 60 } ? value[..60] + "…" : value;
}
