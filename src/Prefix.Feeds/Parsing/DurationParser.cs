using System.Globalization;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// itunes:duration: "S", "M:S", "H:M:S" with optional fractional seconds (Apple's podcast RSS guide), and the
/// "1h 2m 3s" style some hosts write. Unparseable, negative or absurd (over <see cref="MaxSeconds"/>) values are
/// null rather than a made-up default.
/// </summary>
internal static class DurationParser
{
    /// <summary>Longer than any real episode (31 days): beyond this the number is a byte count or garbage.</summary>
    internal const double MaxSeconds = 31 * 24 * 3600;

    private static readonly System.Buffers.SearchValues<char> DecimalChars = System.Buffers.SearchValues.Create("0123456789.");

    public static double? Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        double? seconds = text.Contains(':') ? ParseClock(text) : char.IsAsciiLetter(text[^1]) ? ParseUnits(text) : ParseNumber(text);
        return seconds is >= 0 and <= MaxSeconds ? seconds : null;
    }

    private static double? ParseClock(ReadOnlySpan<char> text)
    {
        double total = 0;
        var parts = 0;
        while (true)
        {
            var colon = text.IndexOf(':');
            var part = colon < 0 ? text : text[..colon];
            parts++;
            if (parts > 3)
            {
                return null;
            }

            // Only the last part (seconds) may have a fraction.
            if (colon < 0)
            {
                return ParseNumber(part) is { } last ? (total * 60) + last : null;
            }

            if (!TryInteger(part, out var whole))
            {
                return null;
            }

            total = (total * 60) + whole;
            text = text[(colon + 1)..];
        }
    }

    private static double? ParseUnits(ReadOnlySpan<char> text)
    {
        double total = 0;
        var any = false;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (ParseNumber(text[start..i]) is not { } number || i >= text.Length)
            {
                return null;
            }

            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var unit = text[unitStart..i];
            double scale = unit switch
            {
                "h" or "hr" or "hrs" or "hour" or "hours" => 3600,
                "m" or "min" or "mins" or "minute" or "minutes" => 60,
                "s" or "sec" or "secs" or "second" or "seconds" => 1,
                _ => -1,
            };
            if (scale < 0)
            {
                return null;
            }

            total += number * scale;
            any = true;
        }

        return any ? total : null;
    }

    private static double? ParseNumber(ReadOnlySpan<char> text) =>
        !text.IsEmpty && char.IsAsciiDigit(text[0]) && !text.ContainsAnyExcept(DecimalChars)
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static bool TryInteger(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.Length is >= 1 and <= 6 && !text.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
