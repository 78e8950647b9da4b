using System.Text;
using Attribution.Api.Import;

namespace Attribution.Api.Tests.Import;

public sealed class NdjsonHitParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryParse_SpecExample_AllFieldsRead()
    {
        const string line = """{"ts":"2026-11-02T22:00:00.000Z","ip":"203.0.113.7","ua":"AppleCoreMedia/1.0","url":"https://host/path.mp3","method":"GET","range":"bytes=0-","referer":null,"status":200,"bytes":1234567}""";

        Assert.True(Parse(line, out var hit, out var reason), reason);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 22, 0, 0, TimeSpan.Zero), hit.Time);
        Assert.Equal("203.0.113.7", hit.Address.ToString());
        Assert.Equal("AppleCoreMedia/1.0", hit.UserAgent);
        Assert.Equal("https://host/path.mp3", hit.Url);
        Assert.Equal("GET", hit.Method);
        Assert.Equal("bytes=0-", hit.Range);
        Assert.Equal(string.Empty, hit.Referer);
        Assert.Equal(200, hit.Status);
        Assert.Equal(1234567, hit.Bytes);
    }

    [Theory]
    // Optional members missing: status 0 and bytes -1 (unknown), ua/range/referer empty.
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"HEAD"}""", "2026-11-02T22:00:00.0000000+00:00", "HEAD", "", 0, -1)]
    // An offset is converted: 23:30+01:00 is 22:30Z.
    [InlineData("""{"ts":"2026-11-02T23:30:00+01:00","ip":"2001:db8::1","ua":"","url":"http://h/a.mp3","method":"GET","status":null,"bytes":null}""", "2026-11-02T22:30:00.0000000+00:00", "GET", "", 0, -1)]
    // Nanoseconds are cut to 100 ns; unknown members (objects too) are ignored; white space around is fine.
    [InlineData("""  {"ts":"2026-11-02T22:00:00.123456789Z","extra":{"a":[1,2]},"ip":"::ffff:203.0.113.7","ua":"x'; DROP TABLE hits;--","url":"https://h/a.mp3?x=1","method":"GET","status":206,"bytes":0}  """, "2026-11-02T22:00:00.1234567+00:00", "GET", "x'; DROP TABLE hits;--", 206, 0)]
    // Up to one day ahead is clock skew, not an error.
    [InlineData("""{"ts":"2026-11-04T00:00:00Z","ip":"203.0.113.7","ua":"<script>alert(1)</script>","url":"https://h/a.mp3","method":"GET"}""", "2026-11-04T00:00:00.0000000+00:00", "GET", "<script>alert(1)</script>", 0, -1)]
    public void TryParse_GoodLine_Accepted(string line, string expectedTime, string method, string userAgent, int status, long bytes)
    {
        Assert.True(Parse(line, out var hit, out var reason), reason);

        Assert.Equal(DateTimeOffset.Parse(expectedTime, System.Globalization.CultureInfo.InvariantCulture), hit.Time);
        Assert.Equal(method, hit.Method);
        Assert.Equal(userAgent, hit.UserAgent);
        Assert.Equal(status, hit.Status);
        Assert.Equal(bytes, hit.Bytes);
    }

    [Theory]
    [InlineData("[1,2]", "the line is not a JSON object; each line must be one object such as {\"ts\":\"2026-11-02T22:00:00Z\",\"ip\":\"203.0.113.7\",\"url\":\"https://…\",\"method\":\"GET\"}")]
    [InlineData("""{"ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts is missing; give the request time in ISO 8601 with a zone, e.g. 2026-11-02T22:00:00.000Z")]
    [InlineData("""{"ts":"2026-11-02T22:00:00","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts '2026-11-02T22:00:00' has no time zone; add Z for UTC or an offset such as +01:00")]
    [InlineData("""{"ts":"02/Nov/2026","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts '02/Nov/2026' is not an ISO 8601 time such as 2026-11-02T22:00:00.000Z")]
    [InlineData("""{"ts":"2026-02-30T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts '2026-02-30T22:00:00Z' is not a real date and time")]
    [InlineData("""{"ts":1730584800,"ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts must be a string; got a number")]
    [InlineData("""{"ts":"2026-11-04T00:00:01Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts 2026-11-04T00:00:01Z is more than 24 h in the future (now is 2026-11-03T00:00:00Z); check the time zone of the log")]
    [InlineData("""{"ts":"1969-12-31T23:59:59Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET"}""", "ts 1969-12-31T23:59:59Z is before 1970, which hits cannot hold")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","url":"https://h/a.mp3","method":"GET"}""", "ip is missing; give the client's IP address (it is hashed, never stored)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"127.1","url":"https://h/a.mp3","method":"GET"}""", "ip is not an IPv4 or IPv6 address literal (host names, ports, brackets, zone ids and leading zeros are not accepted)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7:443","url":"https://h/a.mp3","method":"GET"}""", "ip is not an IPv4 or IPv6 address literal (host names, ports, brackets, zone ids and leading zeros are not accepted)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"example.com","url":"https://h/a.mp3","method":"GET"}""", "ip is not an IPv4 or IPv6 address literal (host names, ports, brackets, zone ids and leading zeros are not accepted)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","method":"GET"}""", "url is missing; give the absolute URL that was requested, e.g. https://cdn.example.com/show/episode1.mp3")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"/show/a.mp3","method":"GET"}""", "url '/show/a.mp3' is not an absolute http or https URL such as https://cdn.example.com/show/episode1.mp3")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"ftp://h/a.mp3","method":"GET"}""", "url 'ftp://h/a.mp3' is not an absolute http or https URL such as https://cdn.example.com/show/episode1.mp3")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3\r\nSet-Cookie: x","method":"GET"}""", "url contains a line break (CR or LF); a request URL cannot")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a\u0000.mp3","method":"GET"}""", "url contains a control character (U+0000); a request URL cannot")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/my episode.mp3","method":"GET"}""", "url 'https://h/my episode.mp3' contains white space; percent-encode it (a space is %20)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3"}""", "method is missing; give the HTTP method, e.g. GET or HEAD")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET\nX"}""", "method contains a line break (CR or LF); an HTTP method cannot")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET /"}""", "method 'GET /' is not an HTTP method (a token such as GET or HEAD, RFC 9110 §9.1)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","range":"bytes=0-\r\n"}""", "range contains a line break (CR or LF); a header value cannot")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","status":99}""", "status 99 is not an HTTP status code (100 to 599)")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","status":"200"}""", "status must be a number such as 206; got a string")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","bytes":1.5}""", "bytes must be a whole number such as 1234567")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","bytes":-1}""", "bytes -1 is negative; give the bytes served (0 or more) or leave it out")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","ua":["x"]}""", "ua must be a string; got an array")]
    public void TryParse_BadLine_RejectedWithReason(string line, string expected)
    {
        Assert.False(Parse(line, out _, out var reason));

        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z",""")]
    [InlineData("""{"ts":"2026-11-02T22:00:00Z"} {"a":1}""")]
    [InlineData("not json at all")]
    public void TryParse_BrokenJson_RejectedAsInvalidJson(string line)
    {
        Assert.False(Parse(line, out _, out var reason));

        Assert.StartsWith("the line is not valid JSON: ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidUtf8InString_RejectedWithReason()
    {
        var line = Encoding.UTF8.GetBytes("""{"ts":"2026-11-02T22:00:00Z","ip":"203.0.113.7","url":"https://h/a.mp3","method":"GET","ua":"X"}""");
        line[^3] = 0xFF;

        Assert.False(NdjsonHitParser.TryParse(line, Now, TimeSpan.FromDays(1), out _, out var reason));

        Assert.StartsWith("the line ", reason, StringComparison.Ordinal);
    }

    private static bool Parse(string line, out ImportedHit hit, out string reason) =>
        NdjsonHitParser.TryParse(Encoding.UTF8.GetBytes(line), Now, TimeSpan.FromDays(1), out hit, out reason);
}
