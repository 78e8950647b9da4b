namespace Prefix.Feeds.Parsing;

/// <summary>
/// RFC 822 §5 / RFC 1123 §5.2.14 / RFC 5322 §3.3 dates, tolerating what feeds actually write: a missing or wrong
/// weekday (it is ignored; RFC 5322 makes it redundant), 2-digit years (RFC 5322 §4.3: 00–49 → 20xx, 50–99 →
/// 19xx), missing seconds, fractional seconds, full or 4-letter month names ("Sept"), the month before the day
/// (JavaScript's Date.toString), "+hh:mm" offsets, a trailing "(comment)", extra spaces and commas, and no zone
/// at all (taken as UTC). Hand-written because this runs for every item of every poll.
/// </summary>
internal static class Rfc822DateParser
{
    public static DateTimeOffset? Parse(ReadOnlySpan<char> text)
    {
        var tokens = new Tokenizer(text);
        int day = -1, month = -1, year = -1, hour = 0, minute = 0, second = 0;
        TimeSpan? offset = null;
        var haveTime = false;
        while (tokens.Next(out var token))
        {
            if (token[0] == '(')
            {
                break;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                if (token.Contains(':'))
                {
                    if (haveTime || !ParseTime(token, out hour, out minute, out second))
                    {
                        return null;
                    }

                    haveTime = true;
                }
                else if (!token.ContainsAnyExceptInRange('0', '9'))
                {
                    var number = int.Parse(token, provider: null);
                    if (day < 0 && token.Length <= 2 && number is >= 1 and <= 31)
                    {
                        day = number;
                    }
                    else if (year < 0 && token.Length is 2 or 4)
                    {
                        year = token.Length == 2 ? (number < 50 ? 2000 + number : 1900 + number) : number;
                    }
                    else
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }
            else if (token[0] is '+' or '-')
            {
                if (offset is not null || !ParseOffset(token[1..], token[0] == '-', out var parsed))
                {
                    return null;
                }

                offset = parsed;
            }
            else if (char.IsAsciiLetter(token[0]))
            {
                if (month < 0 && MonthOf(token) is var m and > 0)
                {
                    month = m;
                }
                else if (offset is null && ZoneOf(token, out var zone, out var rest))
                {
                    offset = zone;
                    if (!rest.IsEmpty)
                    {
                        // "GMT+0200", "UTC-05:00": a named zone followed by an explicit offset.
                        if (rest[0] is not ('+' or '-') || !ParseOffset(rest[1..], rest[0] == '-', out var extra))
                        {
                            return null;
                        }

                        offset = extra;
                    }
                }
                else if (!IsWeekday(token))
                {
                    // An unknown word (a zone we do not know, a localized month) makes the date unreliable.
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        if (day < 0 || month < 0 || year < 0 || year > 9999 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        var zoneOffset = offset ?? TimeSpan.Zero;
        var utc = local - zoneOffset;
        return utc.Year is < 1 or > 9998 ? null : new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    private static bool ParseTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        hour = minute = second = 0;
        var dot = token.IndexOf('.');
        if (dot >= 0)
        {
            // Fractional seconds are dropped: feeds never mean them.
            token = token[..dot];
        }

        var first = token.IndexOf(':');
        var h = token[..first];
        var rest = token[(first + 1)..];
        var second2 = rest.IndexOf(':');
        var m = second2 < 0 ? rest : rest[..second2];
        var s = second2 < 0 ? [] : rest[(second2 + 1)..];
        return TryTwoDigits(h, 23, out hour)
            && TryTwoDigits(m, 59, out minute)
            && (s.IsEmpty || TryTwoDigits(s, 60, out second));
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> text, int max, out int value)
    {
        value = 0;
        if (text.Length is < 1 or > 2 || text.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = int.Parse(text, provider: null);
        return value <= max;
    }

    /// <summary>"0500", "05:00", "5" (hours), "0530".</summary>
    private static bool ParseOffset(ReadOnlySpan<char> digits, bool negative, out TimeSpan offset)
    {
        offset = default;
        int hours, minutes = 0;
        if (digits.Length == 5 && digits[2] == ':')
        {
            if (!TryTwoDigits(digits[..2], 23, out hours) || !TryTwoDigits(digits[3..], 59, out minutes))
            {
                return false;
            }
        }
        else if (digits.Length == 4)
        {
            if (!TryTwoDigits(digits[..2], 23, out hours) || !TryTwoDigits(digits[2..], 59, out minutes))
            {
                return false;
            }
        }
        else if (!TryTwoDigits(digits, 14, out hours))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (negative)
        {
            offset = -offset;
        }

        return true;
    }

    private static int MonthOf(ReadOnlySpan<char> token)
    {
        token = token.TrimEnd('.');
        if (token.Length < 3)
        {
            return -1;
        }

        ReadOnlySpan<string> names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            // "Jan", "January", "Sept": a prefix of the full name of at least three letters.
            if (token.Length <= name.Length && name.AsSpan().StartsWith(token, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static bool IsWeekday(ReadOnlySpan<char> token)
    {
        ReadOnlySpan<string> names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        token = token.TrimEnd('.');
        if (token.Length < 2)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (token.Length <= name.Length && name.AsSpan().StartsWith(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Named zones: RFC 822 §5.1 (UT, GMT, the North American zones, and single military letters), plus
    /// UTC/Z and common European and Australian abbreviations. Military letters other than Z are read as UTC, as
    /// RFC 5322 §4.3 recommends, because RFC 822 defined their signs backwards and senders disagree.
    /// </summary>
    private static bool ZoneOf(ReadOnlySpan<char> token, out TimeSpan offset, out ReadOnlySpan<char> rest)
    {
        var letters = 0;
        while (letters < token.Length && char.IsAsciiLetter(token[letters]))
        {
            letters++;
        }

        rest = token[letters..];
        var name = token[..letters];
        Span<char> upper = stackalloc char[8];
        if (name.Length > upper.Length)
        {
            offset = default;
            return false;
        }

        name.ToUpperInvariant(upper);
        int? hours = upper[..name.Length] switch
        {
            "UT" or "UTC" or "GMT" or "Z" or "WET" => 0,
            "EST" => -5,
            "EDT" => -4,
            "CST" => -6,
            "CDT" => -5,
            "MST" => -7,
            "MDT" => -6,
            "PST" => -8,
            "PDT" => -7,
            "AKST" => -9,
            "AKDT" => -8,
            "HST" => -10,
            "BST" or "CET" or "WEST" => 1,
            "CEST" or "EET" => 2,
            "EEST" => 3,
            "JST" => 9,
            "AEST" => 10,
            "AEDT" => 11,
            _ => name.Length == 1 && name[0] is not ('J' or 'j') ? 0 : null,
        };
        offset = TimeSpan.FromHours(hours ?? 0);
        return hours is not null;
    }

    /// <summary>Splits on spaces and commas; a "+hhmm" glued to the time ("10:00:00+0000") is split off too.</summary>
    private ref struct Tokenizer(ReadOnlySpan<char> text)
    {
        private ReadOnlySpan<char> _rest = text;

        public bool Next(out ReadOnlySpan<char> token)
        {
            var start = 0;
            while (start < _rest.Length && _rest[start] is ' ' or ',' or '\t' or '\r' or '\n')
            {
                start++;
            }

            _rest = _rest[start..];
            if (_rest.IsEmpty)
            {
                token = default;
                return false;
            }

            var end = 1;
            var isTime = char.IsAsciiDigit(_rest[0]);
            while (end < _rest.Length && _rest[end] is not (' ' or ',' or '\t' or '\r' or '\n'))
            {
                if (isTime && _rest[end] is '+' or '-' || (isTime && end > 4 && _rest[end] == 'Z'))
                {
                    break;
                }

                end++;
            }

            token = _rest[..end];
            _rest = _rest[end..];
            return true;
        }
    }
}
