using System.Diagnostics.CodeAnalysis;

namespace Prefix.Counting;

/// <summary>The wire names of windows and modes (COUNTING.md "Response shape": names fixed).</summary>
public static class CountingNames
{
    public static string Of(CountingWindow window) => window switch
    {
        CountingWindow.RollingFirst => "rolling-first",
        CountingWindow.RollingLast => "rolling-last",
        _ => "calendar",
    };

    public static string Of(CountingMode mode) => mode == CountingMode.Strict ? "strict" : "prefix";

    /// <summary>Parses <c>calendar</c>, <c>rolling-first</c>, <c>rolling-last</c> (case-insensitive).</summary>
    public static bool TryParseWindow([NotNullWhen(true)] string? text, out CountingWindow window)
    {
        window = CountingWindow.Calendar;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "CALENDAR": return true;
            case "ROLLING-FIRST": window = CountingWindow.RollingFirst; return true;
            case "ROLLING-LAST": window = CountingWindow.RollingLast; return true;
            default: return false;
        }
    }

    /// <summary>Parses <c>prefix</c> or <c>strict</c> (case-insensitive).</summary>
    public static bool TryParseMode([NotNullWhen(true)] string? text, out CountingMode mode)
    {
        mode = CountingMode.Prefix;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "PREFIX": return true;
            case "STRICT": mode = CountingMode.Strict; return true;
            default: return false;
        }
    }
}
