using Prefix.Feeds.Parsing;

namespace Prefix.Feeds.Tests.Parsing;

public sealed class FieldValuesTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("true", true)]
    [InlineData(" explicit ", true)]
    [InlineData("no", false)]
    [InlineData("FALSE", false)]
    [InlineData("clean", false)]
    [InlineData("", null)]
    [InlineData("maybe", null)]
    [InlineData(null, null)]
    public void Explicit_Value_MapsToBoolOrNull(string? text, bool? expected) => Assert.Equal(expected, FieldValues.Explicit(text));

    [Theory]
    [InlineData("https://cdn.example.com/a.mp3", "audio/mpeg")]
    [InlineData("https://cdn.example.com/a.MP3?x=1.wav", "audio/mpeg")]
    [InlineData("https://cdn.example.com/a.m4a", "audio/x-m4a")]
    [InlineData("https://cdn.example.com/a.mp4", "video/mp4")]
    [InlineData("https://cdn.example.com/a.aac", "audio/aac")]
    [InlineData("https://cdn.example.com/a.ogg", "audio/ogg")]
    [InlineData("https://cdn.example.com/a.opus", "audio/opus")]
    [InlineData("https://cdn.example.com/a.wav", "audio/wav")]
    [InlineData("https://cdn.example.com/a.flac", "audio/flac")]
    [InlineData("https://cdn.example.com/a.mov#t=1", "video/quicktime")]
    [InlineData("https://cdn.example.com/a.m4b", "audio/x-m4b")]
    [InlineData("https://cdn.example.com/a.jpg", null)]
    [InlineData("https://cdn.example.com/download?id=1", null)]
    [InlineData("https://cdn.example.com/v1.2/file", null)]
    public void GuessType_Extension_ReturnsMediaType(string url, string? expected) => Assert.Equal(expected, EnclosureRules.GuessType(url));

    [Theory]
    [InlineData("0", null)]
    [InlineData("1023", null)]
    [InlineData("1024", 1024L)]
    [InlineData(" 48213451 ", 48213451L)]
    [InlineData("-1", null)]
    [InlineData("12.5", null)]
    [InlineData(null, null)]
    public void Length_Value_TinyIsUnknown(string? text, long? expected) => Assert.Equal(expected, EnclosureRules.Length(text));

    [Theory]
    [InlineData("https://example.com/a", "https://example.com/a")]
    [InlineData(" http://example.com ", "http://example.com")]
    [InlineData("HTTPS://EXAMPLE.COM/A", "HTTPS://EXAMPLE.COM/A")]
    [InlineData("ftp://example.com/a", null)]
    [InlineData("/relative.mp3", null)]
    [InlineData("https://", null)]
    [InlineData("https:///path", null)]
    [InlineData("", null)]
    public void HttpUrl_Value_AcceptsOnlyAbsoluteHttp(string text, string? expected) => Assert.Equal(expected, FieldValues.HttpUrl(text));

    [Fact]
    public void HtmlEntities_Table_HasTheHtml4Set() =>
        // HTML 4.01 defines 252 named references; amp, lt, gt and quot are XML's own.
        Assert.Equal(248, HtmlEntities.Count);
}
