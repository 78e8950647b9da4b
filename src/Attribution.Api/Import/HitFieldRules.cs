using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Attribution.Api.Import;

/// <summary>
/// The per-field checks both line formats share. Each returns null when the value is fine, else a reason a
/// person can act on. Field text is data, never code: it reaches ClickHouse through RowBinary, so SQL or
/// script in a User-Agent is simply stored.
/// </summary>
internal static class HitFieldRules
{
    /// <summary>Longest excerpt of a bad value quoted in a reason.</summary>
    private const int MaxQuoted = 100;

    // hits.ts is a DateTime (UInt32 seconds since 1970): an earlier time cannot be stored.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch.AddSeconds(1);

    public static string? CheckTime(string field, DateTimeOffset time, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (time < Earliest)
        {
            return $"{field} {Format(time)} is before 1970, which hits cannot hold";
        }

        return time > now + maxFutureSkew
            ? $"{field} {Format(time)} is more than {maxFutureSkew.TotalHours:0.#} h in the future (now is {Format(now)}); check the time zone of the log"
            : null;
    }

    /// <summary>
    /// A strict IP literal: IPv4 as four decimal parts without leading zeros (RFC 3986 §3.2.2 dec-octet),
    /// IPv6 as RFC 4291 §2.2 text. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone also takes
    /// "127.1", octal and hex parts, ports and zone ids, which would quietly hash a different address.
    /// </summary>
    public static IPAddress? ParseIp(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 45)
        {
            return null;
        }

        if (text.Contains(':'))
        {
            foreach (var c in text)
            {
                if (!char.IsAsciiHexDigit(c) && c is not ':' and not '.')
                {
                    return null;
                }
            }

            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }

        Span<byte> bytes = stackalloc byte[4];
        var part = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    return null;
                }

                continue;
            }

            var digits = text[start..i];
            if (part == 4 || digits.IsEmpty || digits.Length > 3 || (digits.Length > 1 && digits[0] == '0')
                || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                return null;
            }

            bytes[part++] = (byte)value;
            start = i + 1;
        }

        return part == 4 ? new IPAddress(bytes) : null;
    }

    public static string IpReason(string field) =>
        $"{field} is not an IPv4 or IPv6 address literal (host names, ports, brackets, zone ids and leading zeros are not accepted)";

    /// <summary>An absolute http(s) URL with a host and no whitespace or control characters.</summary>
    public static string? CheckUrl(string field, string url)
    {
        if (url.Length == 0)
        {
            return $"{field} is empty; give the absolute URL that was requested, e.g. https://cdn.example.com/show/episode1.mp3";
        }

        foreach (var c in url)
        {
            if (c is '\r' or '\n')
            {
                return $"{field} contains a line break (CR or LF); a request URL cannot";
            }

            if (char.IsControl(c))
            {
                return $"{field} contains a control character (U+{(int)c:X4}); a request URL cannot";
            }

            if (char.IsWhiteSpace(c))
            {
                return $"{field} '{Quote(url)}' contains white space; percent-encode it (a space is %20)";
            }
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : $"{field} '{Quote(url)}' is not an absolute http or https URL such as https://cdn.example.com/show/episode1.mp3";
    }

    /// <summary>An HTTP method is a token (RFC 9110 §9.1, §5.6.2).</summary>
    public static string? CheckMethod(string field, string method)
    {
        if (method.Length == 0)
        {
            return $"{field} is empty; give the HTTP method, e.g. GET or HEAD";
        }

        if (method.Contains('\r') || method.Contains('\n'))
        {
            return $"{field} contains a line break (CR or LF); an HTTP method cannot";
        }

        if (method.Length > 32 || !method.All(IsTokenChar))
        {
            return $"{field} '{Quote(method)}' is not an HTTP method (a token such as GET or HEAD, RFC 9110 §9.1)";
        }

        return null;
    }

    public static string? CheckStatus(string field, long status) =>
        status is >= 100 and <= 599 ? null : $"{field} {status} is not an HTTP status code (100 to 599)";

    public static string? CheckBytes(string field, long bytes) =>
        bytes >= 0 ? null : $"{field} {bytes} is negative; give the bytes served (0 or more) or leave it out";

    /// <summary>A header value that came from one header line cannot hold CR or LF (RFC 9110 §5.5).</summary>
    public static string? CheckHeaderValue(string field, string value) =>
        value.Contains('\r') || value.Contains('\n') ? $"{field} contains a line break (CR or LF); a header value cannot" : null;

    /// <summary>The value cut to a readable length for a reason.</summary>
    public static string Quote(string value) => value.Length <= MaxQuoted ? value : string.Concat(value.AsSpan(0, MaxQuoted), "…");

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
