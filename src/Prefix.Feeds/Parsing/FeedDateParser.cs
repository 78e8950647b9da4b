using System.Globalization;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Publication dates as feeds write them: RFC 822/1123 and their real-world variants (see
/// <see cref="Rfc822DateParser"/>), ISO 8601 / RFC 3339 (Atom, and many RSS feeds), and Unix epoch seconds.
/// Every result is UTC; anything else is null and the caller keeps the raw text.
/// </summary>
internal static class FeedDateParser
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyyMMdd'T'HHmmssK",
    ];

    public static DateTimeOffset? Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (IsAllDigits(text))
        {
            return FromEpoch(text);
        }

        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[3]) && text[4] == '-')
        {
            return ParseIso(text);
        }

        return Rfc822DateParser.Parse(text);
    }

    private static DateTimeOffset? ParseIso(scoped ReadOnlySpan<char> text)
    {
        // "+0000" offsets (no colon) and " UTC"/" GMT" suffixes are common in RSS feeds that print ISO-looking
        // dates; DateTimeOffset's "K" wants "+00:00" or "Z".
        scoped Span<char> buffer = stackalloc char[48];
        if (text.Length is > 15 and < 40 && text[^5] is '+' or '-' && IsAllDigits(text[^4..]))
        {
            var head = text[..^5].TrimEnd(' ');
            head.CopyTo(buffer);
            var n = head.Length;
            buffer[n++] = text[^5];
            text.Slice(text.Length - 4, 2).CopyTo(buffer[n..]);
            buffer[n + 2] = ':';
            text[^2..].CopyTo(buffer[(n + 3)..]);
            text = buffer[..(n + 5)];
        }
        else if (text.Length is > 15 and < 40 && (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" GMT", StringComparison.OrdinalIgnoreCase)))
        {
            var head = text[..^4];
            head.CopyTo(buffer);
            buffer[head.Length] = 'Z';
            text = buffer[..(head.Length + 1)];
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, styles, out var value))
        {
            return value.ToUniversalTime();
        }

        return null;
    }

    private static DateTimeOffset? FromEpoch(ReadOnlySpan<char> text)
    {
        if (text.Length > 13 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        // 13 digits are milliseconds (JavaScript's Date.now()); 9–10 digits are seconds. Short numbers are not
        // dates anyone meant (a year, an episode number) and stay unparsed.
        if (text.Length == 13)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(number);
        }

        return text.Length is >= 9 and <= 10 ? DateTimeOffset.FromUnixTimeSeconds(number) : null;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
