using System.Globalization;
using System.Text.RegularExpressions;

namespace Attribution.Api.Import;

/// <summary>
/// ISO 8601 / RFC 3339 §5.6 date-times with a zone: <c>2026-11-02T22:00:00Z</c>, <c>…00.123+01:00</c>. A time
/// without a zone is refused rather than guessed: a wrong guess shifts every hit of a log by hours.
/// Fractions beyond 100 ns (Go's nanosecond logs) are cut, not refused.
/// </summary>
internal static partial class IsoTimestamp
{
    public static bool TryParse(string text, out DateTimeOffset value, out string? reason)
    {
        value = default;
        reason = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            reason = NoZonePattern().IsMatch(text)
                ? $"ts '{HitFieldRules.Quote(text)}' has no time zone; add Z for UTC or an offset such as +01:00"
                : $"ts '{HitFieldRules.Quote(text)}' is not an ISO 8601 time such as 2026-11-02T22:00:00.000Z";
            return false;
        }

        var year = Number(match, "y");
        var month = Number(match, "mo");
        var day = Number(match, "d");
        var hour = Number(match, "h");
        var minute = Number(match, "mi");
        var second = Number(match, "s");
        var offset = TimeSpan.Zero;
        if (match.Groups["sign"].Success)
        {
            var offsetHours = Number(match, "oh");
            var offsetMinutes = Number(match, "om");
            if (offsetHours > 14 || offsetMinutes > 59)
            {
                reason = $"ts '{HitFieldRules.Quote(text)}' has an offset beyond ±14:00";
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (match.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            reason = $"ts '{HitFieldRules.Quote(text)}' is not a real date and time";
            return false;
        }

        var fraction = match.Groups["f"].Value;
        var ticks = 0L;
        if (fraction.Length > 0)
        {
            ticks = long.Parse(fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // Years 1 and 9999 could leave DateTimeOffset's range once the offset is applied; neither is a hit time.
        if (year is < 2 or > 9998)
        {
            reason = $"ts '{HitFieldRules.Quote(text)}' is out of range";
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks), offset);
        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt ](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?(?:[Zz]|(?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2}))$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NoZonePattern();
}
