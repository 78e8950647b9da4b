using System.Buffers;
using System.Globalization;
using System.Text;

namespace Attribution.Api.Import;

/// <summary>
/// One nginx/Apache "combined" log line: <c>%h %l %u [%t] "%r" %&gt;s %b "%{Referer}i" "%{User-agent}i"</c>;
/// fields an operator appended after the User-Agent are ignored.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>%h</c> must be an IP literal (with <c>HostnameLookups</c> on, Apache logs names, which cannot be hashed like the edge's IPs).</item>
/// <item><c>%t</c> is <c>10/Oct/2026:13:55:36 -0700</c>: whole seconds.</item>
/// <item>The request target of <c>%r</c> is normally a path; <c>origin</c> (the <c>host</c>
/// and <c>scheme</c> query parameters) makes it absolute. An absolute-form target is taken as it is.</item>
/// <item>Quoted fields are unescaped the way both servers escape them: <c>\"</c>, <c>\\</c>, <c>\xHH</c>
/// (raw bytes, so a UTF-8 User-Agent comes back whole) and C-style <c>\n</c>, <c>\t</c>.</item>
/// <item><c>-</c> means "none": referer and User-Agent become empty, <c>%b</c> becomes 0 (Apache writes
/// <c>-</c> for no body bytes).</item>
/// <item>Combined logs carry no Range header: Range is empty.</item>
/// </list>
/// </remarks>
internal static class CombinedLogParser
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <param name="line">The line, without its line ending.</param>
    /// <param name="origin"><c>https://host</c> (no trailing slash) that request paths are appended to.</param>
    /// <param name="now">The current time, for the future-time check.</param>
    /// <param name="maxFutureSkew">How far in the future a time may lie.</param>
    /// <param name="hit">The parsed hit when the answer is true.</param>
    /// <param name="reason">Why the line was refused when the answer is false.</param>
    public static bool TryParse(ReadOnlySpan<byte> line, string origin, DateTimeOffset now, TimeSpan maxFutureSkew, out ImportedHit hit, out string reason)
    {
        hit = default;
        var scratch = ArrayPool<byte>.Shared.Rent(line.Length + 1);
        try
        {
            reason = Parse(line, origin, now, maxFutureSkew, scratch, out hit) ?? string.Empty;
            return reason.Length == 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static string? Parse(ReadOnlySpan<byte> line, string origin, DateTimeOffset now, TimeSpan maxFutureSkew, byte[] scratch, out ImportedHit hit)
    {
        hit = default;
        var space = line.IndexOf((byte)' ');
        var bracket = line.IndexOf((byte)'[');
        if (space <= 0 || bracket < space)
        {
            return "the line is not in the combined log format (%h %l %u [%t] \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"): no [time] after the client address";
        }

        var address = HitFieldRules.ParseIp(Encoding.ASCII.GetString(line[..space]));
        if (address is null)
        {
            return HitFieldRules.IpReason("the client address (%h)");
        }

        var rest = line[(bracket + 1)..];
        var close = rest.IndexOf((byte)']');
        if (close < 0)
        {
            return "the time field has no closing ']'";
        }

        if (!TryParseLogTime(rest[..close], out var time))
        {
            return $"the time [{HitFieldRules.Quote(Encoding.UTF8.GetString(rest[..close]))}] is not a log time such as [02/Nov/2026:22:00:00 +0000]";
        }

        var error = HitFieldRules.CheckTime("the time", time, now, maxFutureSkew);
        if (error is not null)
        {
            return error;
        }

        rest = rest[(close + 1)..];
        if (!TryQuoted(ref rest, scratch, out var request))
        {
            return "the request (\"%r\") is missing or has no closing quote after the time";
        }

        if (!TryToken(ref rest, out var statusText))
        {
            return "the status (%>s) is missing after the request";
        }

        if (!TryToken(ref rest, out var bytesText))
        {
            return "the byte count (%b) is missing after the status";
        }

        if (!TryQuoted(ref rest, scratch, out var referer) || !TryQuoted(ref rest, scratch, out var userAgent))
        {
            return "the line has no quoted referer and User-Agent after the byte count: this looks like the common log format; the combined format (… \"%{Referer}i\" \"%{User-agent}i\") is needed";
        }

        if (!rest.IsEmpty && rest[0] != (byte)' ' && rest[0] != (byte)'\t')
        {
            return "unexpected text right after the User-Agent's closing quote";
        }

        if (!TryParseStatus(statusText, out var status))
        {
            return $"the status '{HitFieldRules.Quote(Encoding.UTF8.GetString(statusText))}' is not an HTTP status code (100 to 599)";
        }

        long bytes = 0;
        if (bytesText is not [(byte)'-'] && !TryParseDecimal(bytesText, out bytes))
        {
            return $"the byte count '{HitFieldRules.Quote(Encoding.UTF8.GetString(bytesText))}' is not a number of bytes (digits, or - for none)";
        }

        error = SplitRequest(request, origin, out var method, out var url);
        if (error is not null)
        {
            return error;
        }

        hit = new ImportedHit(time, address, method, url, userAgent == "-" ? string.Empty : userAgent, referer == "-" ? string.Empty : referer, string.Empty, status, bytes);
        return null;
    }

    /// <summary><c>METHOD target [HTTP/x.y]</c> (RFC 9112 §3) into a method and an absolute URL.</summary>
    private static string? SplitRequest(string request, string origin, out string method, out string url)
    {
        method = url = string.Empty;
        if (request == "-")
        {
            return "the request is \"-\": the client sent no complete request (logged for 400/408 answers); there is no hit to import";
        }

        var first = request.IndexOf(' ', StringComparison.Ordinal);
        if (first <= 0)
        {
            return $"the request '{HitFieldRules.Quote(request)}' has no target after the method";
        }

        method = request[..first];
        var target = request[(first + 1)..];
        var last = target.LastIndexOf(' ');
        if (last >= 0 && target.AsSpan(last + 1).StartsWith("HTTP/", StringComparison.Ordinal))
        {
            target = target[..last];
        }

        var error = HitFieldRules.CheckMethod("the method", method);
        if (error is not null)
        {
            return error;
        }

        if (target.StartsWith('/'))
        {
            url = origin + target;
        }
        else if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            url = target;
        }
        else
        {
            return $"the request target '{HitFieldRules.Quote(target)}' is neither a path (/…) nor an absolute http(s) URL";
        }

        return HitFieldRules.CheckUrl("the request URL", url);
    }

    /// <summary>Skips one space, then reads up to the next space or the end.</summary>
    private static bool TryToken(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> token)
    {
        token = default;
        if (rest.IsEmpty || rest[0] != (byte)' ')
        {
            return false;
        }

        rest = rest[1..];
        var end = rest.IndexOf((byte)' ');
        token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return !token.IsEmpty;
    }

    /// <summary>Skips one space, then reads one double-quoted field and unescapes it.</summary>
    private static bool TryQuoted(ref ReadOnlySpan<byte> rest, byte[] scratch, out string value)
    {
        value = string.Empty;
        if (rest.Length < 3 || rest[0] != (byte)' ' || rest[1] != (byte)'"')
        {
            return false;
        }

        var length = 0;
        for (var i = 2; i < rest.Length; i++)
        {
            var b = rest[i];
            if (b == (byte)'"')
            {
                value = Encoding.UTF8.GetString(scratch, 0, length);
                rest = rest[(i + 1)..];
                return true;
            }

            if (b == (byte)'\\' && i + 1 < rest.Length)
            {
                var next = rest[++i];
                if (next == (byte)'x' && i + 2 < rest.Length && IsHex(rest[i + 1]) && IsHex(rest[i + 2]))
                {
                    b = (byte)((HexValue(rest[i + 1]) << 4) | HexValue(rest[i + 2]));
                    i += 2;
                }
                else
                {
                    b = next switch
                    {
                        (byte)'n' => (byte)'\n',
                        (byte)'r' => (byte)'\r',
                        (byte)'t' => (byte)'\t',
                        (byte)'v' => (byte)'\v',
                        (byte)'f' => (byte)'\f',
                        (byte)'"' or (byte)'\\' => next,
                        _ => 0,
                    };
                    if (b == 0)
                    {
                        // Not an escape either server writes: keep the backslash and the character as they are.
                        scratch[length++] = (byte)'\\';
                        b = next;
                    }
                }
            }

            scratch[length++] = b;
        }

        return false;
    }

    /// <summary><c>dd/MMM/yyyy:HH:mm:ss ±hhmm</c>, the <c>%t</c> of both servers.</summary>
    internal static bool TryParseLogTime(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        time = default;
        Span<char> chars = stackalloc char[26];
        if (text.Length != 26 || Encoding.ASCII.GetChars(text, chars) != 26
            || chars[2] != '/' || chars[6] != '/' || chars[11] != ':' || chars[14] != ':' || chars[17] != ':' || chars[20] != ' ' || chars[21] is not ('+' or '-'))
        {
            return false;
        }

        var month = Array.IndexOf(Months, new string(chars[3..6])) + 1;
        if (month == 0
            || !TryDigits(chars[..2], out var day) || !TryDigits(chars[7..11], out var year) || !TryDigits(chars[12..14], out var hour)
            || !TryDigits(chars[15..17], out var minute) || !TryDigits(chars[18..20], out var second)
            || !TryDigits(chars[22..24], out var offsetHours) || !TryDigits(chars[24..26], out var offsetMinutes)
            || year is < 2 or > 9998 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetHours > 14 || offsetMinutes > 59)
        {
            return false;
        }

        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        time = new DateTimeOffset(year, month, day, hour, minute, second, chars[21] == '-' ? -offset : offset);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseStatus(ReadOnlySpan<byte> text, out int status)
    {
        status = 0;
        return text.Length == 3 && TryParseDecimal(text, out var value) && HitFieldRules.CheckStatus("status", value) is null && (status = (int)value) > 0;
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
