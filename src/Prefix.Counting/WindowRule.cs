namespace Prefix.Counting;

/// <summary>Where windows start and end (COUNTING.md stage 2), for listener windows and the excessive-IP guard alike.</summary>
internal static class WindowRule
{
    private static readonly TimeSpan s_day = TimeSpan.FromHours(24);

    /// <summary>Start of the window that <paramref name="time"/> opens: UTC midnight (calendar) or the time itself.</summary>
    public static DateTimeOffset OpenAt(CountingWindow window, DateTimeOffset time) =>
        window == CountingWindow.Calendar ? UtcDay(time) : time.ToUniversalTime();

    /// <summary>Whether a hit at <paramref name="time"/> (not earlier than <paramref name="lastTime"/>) falls outside the current window.</summary>
    public static bool StartsNew(CountingWindow window, DateTimeOffset windowStart, DateTimeOffset lastTime, DateTimeOffset time) => window switch
    {
        // Half-open windows: exactly 00:00:00.000 belongs to the new day, exactly +24 h to a new window.
        CountingWindow.RollingFirst => time >= windowStart + s_day,
        CountingWindow.RollingLast => time >= lastTime + s_day,
        _ => UtcDay(time) != windowStart,
    };

    public static DateTimeOffset UtcDay(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);
}
