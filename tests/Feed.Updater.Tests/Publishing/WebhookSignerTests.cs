using System.Security.Cryptography;
using System.Text;
using Feed.Updater.Publishing;

namespace Feed.Updater.Tests.Publishing;

public sealed class WebhookSignerTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"6a0c","sequence":7}""");

    [Fact]
    public void Sign_KnownInput_IsHmacSha256OfTimestampDotBodyInLowercaseHex()
    {
        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{Encoding.UTF8.GetString(Body)}")));

        Assert.Equal($"t={t},v1={expected}", WebhookSigner.Sign(Secret, t, Body));
    }

    [Fact]
    public void Verify_FreshSignature_Valid()
    {
        var header = WebhookSigner.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.Equal(WebhookSignatureResult.Valid, WebhookSigner.Verify(Secret, header, Body, Now.AddSeconds(30)));
    }

    [Fact]
    public void Verify_TamperedBody_BadSignature()
    {
        var header = WebhookSigner.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var tampered = Encoding.UTF8.GetBytes("""{"eventId":"6a0c","sequence":8}""");

        Assert.Equal(WebhookSignatureResult.BadSignature, WebhookSigner.Verify(Secret, header, tampered, Now));
    }

    [Fact]
    public void Verify_WrongSecret_BadSignature()
    {
        var header = WebhookSigner.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.Equal(WebhookSignatureResult.BadSignature, WebhookSigner.Verify("another-secret-entirely", header, Body, Now));
    }

    [Fact]
    public void Verify_TimestampAltered_BadSignature()
    {
        var header = WebhookSigner.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var altered = header.Replace($"t={Now.ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds() + 1}", StringComparison.Ordinal);

        Assert.Equal(WebhookSignatureResult.BadSignature, WebhookSigner.Verify(Secret, altered, Body, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Verify_TimestampOutsideTolerance_Expired(int secondsFromNow)
    {
        var header = WebhookSigner.Sign(Secret, Now.AddSeconds(secondsFromNow).ToUnixTimeSeconds(), Body);

        Assert.Equal(WebhookSignatureResult.Expired, WebhookSigner.Verify(Secret, header, Body, Now));
    }

    [Fact]
    public void Verify_CustomTolerance_Applied()
    {
        var header = WebhookSigner.Sign(Secret, Now.AddSeconds(-20).ToUnixTimeSeconds(), Body);

        Assert.Equal(WebhookSignatureResult.Expired, WebhookSigner.Verify(Secret, header, Body, Now, TimeSpan.FromSeconds(10)));
        Assert.Equal(WebhookSignatureResult.Valid, WebhookSigner.Verify(Secret, header, Body, Now, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Verify_SeveralV1OneMatching_ValidAndUnknownKeysIgnored()
    {
        var header = WebhookSigner.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var rotated = $"{header}, v1={new string('0', 64)}, v2=something-new";

        Assert.Equal(WebhookSignatureResult.Valid, WebhookSigner.Verify(Secret, rotated, Body, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=1795435200")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795435200,v1=00zz")]
    [InlineData("t=1795435200,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795435200,,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_MalformedHeader_Malformed(string? header) =>
        Assert.Equal(WebhookSignatureResult.Malformed, WebhookSigner.Verify(Secret, header, Body, Now));

    [Fact]
    public void Apply_Request_CarriesSignatureEventHeadersAndJsonBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/hook");

        WebhookSigner.Apply(request, Secret, Body, "6a0c", "feed.moved", 3, Now);

        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("6a0c", request.Headers.GetValues(WebhookSigner.EventIdHeader).Single());
        Assert.Equal("feed.moved", request.Headers.GetValues(WebhookSigner.EventTypeHeader).Single());
        Assert.Equal("3", request.Headers.GetValues(WebhookSigner.AttemptHeader).Single());
        var signature = request.Headers.GetValues(WebhookSigner.SignatureHeader).Single();
        Assert.Equal(WebhookSignatureResult.Valid, WebhookSigner.Verify(Secret, signature, Body, Now));
    }
}
