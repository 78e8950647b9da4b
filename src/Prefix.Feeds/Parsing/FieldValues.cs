using System.Globalization;

namespace Prefix.Feeds.Parsing;

/// <summary>Small value rules for iTunes and Podcasting 2.0 fields.</summary>
internal static class FieldValues
{
    /// <summary>Episode and season numbers above this are typos or dates, not numbers (Podcast Index caps the same way).</summary>
    internal const int MaxNumber = 1_000_000;

    /// <summary>itunes:explicit: yes/true/explicit → true, no/false/clean → false (Apple accepts the first two of each).</summary>
    public static bool? Explicit(string? text)
    {
        var value = text.AsSpan().Trim();
        if (value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("explicit", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value.Equals("clean", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return null;
    }

    /// <summary>"yes"/"true" (itunes:complete, podcast:locked, fee="true").</summary>
    public static bool IsYes(string? text)
    {
        var value = text.AsSpan().Trim();
        return value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A non-negative whole number up to <see cref="MaxNumber"/> ("3", " 12 ", "4.0").</summary>
    public static int? Number(string? text)
    {
        var value = text.AsSpan().Trim();
        if (value.EndsWith(".0"))
        {
            value = value[..^2];
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= MaxNumber ? number : null;
    }

    public static long? Long(string? text) =>
        long.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Double(string? text) =>
        double.TryParse(text.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>A positive integer that may be written as a decimal ("128000.0" for a bitrate).</summary>
    public static int? PositiveInt(string? text) =>
        Double(text) is { } value && value is > 0 and < int.MaxValue ? (int)Math.Round(value) : null;

    /// <summary>One of <paramref name="allowed"/> (compared ignoring case), lower-cased; else null.</summary>
    public static string? OneOf(string? text, ReadOnlySpan<string> allowed)
    {
        var value = text.AsSpan().Trim();
        foreach (var candidate in allowed)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>An absolute http(s) URL, trimmed; else null.</summary>
    public static string? HttpUrl(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // A cheap check (scheme and a non-empty host) rather than Uri.TryCreate: it runs for every enclosure, and
        // players fetch URLs that System.Uri would reject (unencoded spaces, odd characters in the path).
        var schemeLength = value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : 0;
        return schemeLength > 0 && value.Length > schemeLength && value[schemeLength] is not ('/' or '?' or '#' or ' ') ? value : null;
    }

    /// <summary>Trimmed text, or null when empty.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.AsSpan().Trim();
        return trimmed.IsEmpty ? null : trimmed.Length == text.Length ? text : trimmed.ToString();
    }

    /// <summary>Lower-cased trimmed text, or null when empty.</summary>
    public static string? Lower(string? text)
    {
        var clean = Clean(text);
        return clean is null || !clean.AsSpan().ContainsAnyInRange('A', 'Z') ? clean : clean.ToLowerInvariant();
    }
}
