using System.Text;
using Prefix.Pipeline.Tests.Support;
using Prefix.Testing.Redirects;

namespace Prefix.Pipeline.Tests.Redirects;

/// <summary>
/// The prefix URL table through the real edge (Kestrel, middleware, recording) over a raw socket, so the
/// request target reaches the server exactly as written.
/// </summary>
public sealed class EdgeHttpTests(EdgeOnlyFixture edge) : IClassFixture<EdgeOnlyFixture>
{
    /// <summary>Table rows Kestrel answers 400 itself before the edge sees them: it refuses a decoded NUL in the path.</summary>
    private static readonly HashSet<string> KestrelRefuses = ["/e/example.com/ep%00.mp3"];

    public static TheoryData<string, int, string?> Cases()
    {
        var data = new TheoryData<string, int, string?>();
        foreach (var (rawTarget, status, location) in PrefixUrlTable.Cases)
        {
            data.Add(rawTarget, status, location);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Get_TableCase_AnswersExactStatusAndLocation(string rawTarget, int status, string? location)
    {
        var response = await RawHttpResponse.SendOnceAsync(edge.Port, RawHttpResponse.Request("GET", Encoding.ASCII.GetBytes(rawTarget)));

        Assert.Equal(status, response.Status);
        if (status == 302)
        {
            Assert.Equal(location, response.Header("Location"));
            Assert.Equal("private, no-cache", response.Header("Cache-Control"));
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
            Assert.Equal("0", response.Header("Content-Length"));
            Assert.Empty(response.Body);
        }
        else if (KestrelRefuses.Contains(rawTarget))
        {
            // Kestrel answers before any middleware runs: no reason text and no CORS header, but never a redirect.
            Assert.Null(response.Header("Location"));
        }
        else
        {
            Assert.Null(response.Header("Location"));
            Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
            Assert.StartsWith("text/plain", response.Header("Content-Type"), StringComparison.Ordinal);
            Assert.StartsWith("Invalid prefix URL: ", response.BodyText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Head_ValidPrefixUrl_AnswersSame302WithoutBody()
    {
        var response = await RawHttpResponse.SendOnceAsync(
            edge.Port, RawHttpResponse.Request("HEAD", "/e/example.com/ep.mp3?x=1"u8.ToArray()), isHead: true);

        Assert.Equal(302, response.Status);
        Assert.Equal("https://example.com/ep.mp3?x=1", response.Header("Location"));
        Assert.Equal("private, no-cache", response.Header("Cache-Control"));
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Options_CorsPreflight_Answers204WithCorsHeaders()
    {
        var response = await RawHttpResponse.SendOnceAsync(edge.Port, RawHttpResponse.Request(
            "OPTIONS", "/e/example.com/ep.mp3"u8.ToArray(),
            "Origin: https://player.example.org", "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: range"));

        Assert.Equal(204, response.Status);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET, HEAD, OPTIONS", response.Header("Access-Control-Allow-Methods"));
        Assert.Equal("range", response.Header("Access-Control-Allow-Headers"));
        Assert.Equal("86400", response.Header("Access-Control-Max-Age"));
        Assert.Null(response.Header("Location"));
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("raw tab in the host", new byte[] { 0x09 }, "/e/exa", "mple.com/ep.mp3")]
    [InlineData("raw tab in the path", new byte[] { 0x09 }, "/e/example.com/ep", ".mp3")]
    [InlineData("raw DEL", new byte[] { 0x7F }, "/e/example.com/ep", ".mp3")]
    [InlineData("raw UTF-8 (caf\u00e9)", new byte[] { 0xC3, 0xA9 }, "/e/example.com/caf", ".mp3")]
    [InlineData("invalid UTF-8", new byte[] { 0xFF, 0xFE }, "/e/example.com/a", ".mp3")]
    public async Task Get_RawByteOutsidePrintableAsciiInRequestLine_Answers400WithoutRedirect(string why, byte[] raw, string before, string after)
    {
        byte[] target = [.. Encoding.ASCII.GetBytes(before), .. raw, .. Encoding.ASCII.GetBytes(after)];

        var response = await RawHttpResponse.SendOnceAsync(edge.Port, RawHttpResponse.Request("GET", target));

        // Kestrel refuses these request lines itself (RFC 9112 §3.2: the target is printable ASCII); listener apps
        // percent-encode such bytes, which the table above covers.
        Assert.True(response.Status == 400, $"{why}: got {response.Status}");
        Assert.Null(response.Header("Location"));
    }
}
