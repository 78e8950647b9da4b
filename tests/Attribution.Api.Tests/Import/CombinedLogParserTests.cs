using System.Text;
using Attribution.Api.Import;

namespace Attribution.Api.Tests.Import;

public sealed class CombinedLogParserTests
{
    private const string Origin = "https://cdn.example.com";
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_NginxCombinedLine_AllFieldsRead()
    {
        const string line = """203.0.113.7 - - [02/Nov/2026:23:00:00 +0100] "GET /show/ep1.mp3?x=1 HTTP/1.1" 206 1048576 "https://podcasts.example/" "AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0 like Mac OS X; en_us)" "-" 0.002""";

        Assert.True(Parse(line, out var hit, out var reason), reason);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 22, 0, 0, TimeSpan.Zero), hit.Time);
        Assert.Equal("203.0.113.7", hit.Address.ToString());
        Assert.Equal("GET", hit.Method);
        Assert.Equal("https://cdn.example.com/show/ep1.mp3?x=1", hit.Url);
        Assert.Equal(206, hit.Status);
        Assert.Equal(1048576, hit.Bytes);
        Assert.Equal("https://podcasts.example/", hit.Referer);
        Assert.Equal("AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0 like Mac OS X; en_us)", hit.UserAgent);
        Assert.Equal(string.Empty, hit.Range);
    }

    [Theory]
    // Apache: "-" for no body bytes is 0; "-" referer and User-Agent are empty.
    [InlineData("""2001:db8::1 - frank [02/Nov/2026:22:00:00 -0000] "HEAD /a.mp3 HTTP/1.0" 200 - "-" "-" """, "HEAD", "https://cdn.example.com/a.mp3", 200, 0, "", "")]
    // Apache escapes a quote as \" and nginx as \x22; \xHH bytes come back as UTF-8.
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "Say \"hi\" \x22caf\xC3\xA9\x22 \\o/" """, "GET", "https://cdn.example.com/a.mp3", 200, 5, "", "Say \"hi\" \"café\" \\o/")]
    // An absolute-form target is taken as it is; no protocol (HTTP/0.9) is fine.
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET http://other.example/a.mp3" 304 0 "-" "x'); DROP TABLE hits; --" """, "GET", "http://other.example/a.mp3", 304, 0, "", "x'); DROP TABLE hits; --")]
    public void TryParse_GoodLine_Accepted(string line, string method, string url, int status, long bytes, string referer, string userAgent)
    {
        Assert.True(Parse(line.TrimEnd(), out var hit, out var reason), reason);

        Assert.Equal(method, hit.Method);
        Assert.Equal(url, hit.Url);
        Assert.Equal(status, hit.Status);
        Assert.Equal(bytes, hit.Bytes);
        Assert.Equal(referer, hit.Referer);
        Assert.Equal(userAgent, hit.UserAgent);
    }

    [Theory]
    [InlineData("""just some text""", "the line is not in the combined log format (%h %l %u [%t] \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"): no [time] after the client address")]
    [InlineData("""client.example.net - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua" """, "the client address (%h) is not an IPv4 or IPv6 address literal (host names, ports, brackets, zone ids and leading zeros are not accepted)")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000 "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua" """, "the time field has no closing ']'")]
    [InlineData("""203.0.113.7 - - [2026-11-02T22:00:00Z] "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua" """, "the time [2026-11-02T22:00:00Z] is not a log time such as [02/Nov/2026:22:00:00 +0000]")]
    [InlineData("""203.0.113.7 - - [31/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua" """, "the time [31/Nov/2026:22:00:00 +0000] is not a log time such as [02/Nov/2026:22:00:00 +0000]")]
    [InlineData("""203.0.113.7 - - [05/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua" """, "the time 2026-11-05T22:00:00Z is more than 24 h in the future (now is 2026-11-03T00:00:00Z); check the time zone of the log")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1 200 5 "-" "ua" """, "the status (%>s) is missing after the request")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "ua"x""", "unexpected text right after the User-Agent's closing quote")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 5""", "the line has no quoted referer and User-Agent after the byte count: this looks like the common log format; the combined format (… \"%{Referer}i\" \"%{User-agent}i\") is needed")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200""", "the byte count (%b) is missing after the status")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 2000 5 "-" "ua" """, "the status '2000' is not an HTTP status code (100 to 599)")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a.mp3 HTTP/1.1" 200 lots "-" "ua" """, "the byte count 'lots' is not a number of bytes (digits, or - for none)")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "-" 400 0 "-" "-" """, "the request is \"-\": the client sent no complete request (logged for 400/408 answers); there is no hit to import")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET" 400 0 "-" "-" """, "the request 'GET' has no target after the method")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "CONNECT cdn.example.com:443 HTTP/1.1" 200 0 "-" "-" """, "the request target 'cdn.example.com:443' is neither a path (/…) nor an absolute http(s) URL")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "GET /a\x0D\x0Ab.mp3 HTTP/1.1" 200 0 "-" "-" """, "the request URL contains a line break (CR or LF); a request URL cannot")]
    [InlineData("""203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] "\x16\x03\x01 /a HTTP/1.1" 400 0 "-" "-" """, "the method '\u0016\u0003\u0001' is not an HTTP method (a token such as GET or HEAD, RFC 9110 §9.1)")]
    public void TryParse_BadLine_RejectedWithReason(string line, string expected)
    {
        Assert.False(Parse(line.TrimEnd(), out _, out var reason));

        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("02/Nov/2026:22:00:00 +0000", "2026-11-02T22:00:00+00:00")]
    [InlineData("10/Oct/2000:13:55:36 -0700", "2000-10-10T20:55:36+00:00")]
    [InlineData("29/Feb/2024:00:00:00 +1400", "2024-02-28T10:00:00+00:00")]
    public void TryParseLogTime_ApacheTime_Utc(string text, string expected)
    {
        Assert.True(CombinedLogParser.TryParseLogTime(Encoding.ASCII.GetBytes(text), out var time));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("cdn.example.com", null, "https://cdn.example.com")]
    [InlineData("CDN.Example.com:8443", "http", "http://cdn.example.com:8443")]
    [InlineData("203.0.113.9", "HTTPS", "https://203.0.113.9")]
    [InlineData("[2001:db8::1]:8080", null, "https://[2001:db8::1]:8080")]
    public void CombinedLogOrigin_GoodHost_Origin(string host, string? scheme, string expected)
    {
        Assert.Equal(expected, CombinedLogOrigin.TryCreate(host, scheme, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", null, "'host' must be the host name the log's requests went to, e.g. ?host=cdn.example.com (optionally with :port); got ''")]
    [InlineData("cdn.example.com/path", null, "'host' must be the host name the log's requests went to, e.g. ?host=cdn.example.com (optionally with :port); got 'cdn.example.com/path'")]
    [InlineData("user@cdn.example.com", null, "'host' must be the host name the log's requests went to, e.g. ?host=cdn.example.com (optionally with :port); got 'user@cdn.example.com'")]
    [InlineData("cdn.example.com", "ftp", "'scheme' must be http or https; got 'ftp'")]
    public void CombinedLogOrigin_BadHost_Reason(string host, string? scheme, string expected)
    {
        Assert.Null(CombinedLogOrigin.TryCreate(host, scheme, out var error));
        Assert.Equal(expected, error);
    }

    private static bool Parse(string line, out ImportedHit hit, out string reason) =>
        CombinedLogParser.TryParse(Encoding.UTF8.GetBytes(line), Origin, Now, TimeSpan.FromDays(1), out hit, out reason);
}
