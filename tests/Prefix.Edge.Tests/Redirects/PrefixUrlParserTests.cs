using Prefix.Edge.Redirects;

namespace Prefix.Edge.Tests.Redirects;

public sealed class PrefixUrlParserTests
{
    [Theory]
    [MemberData(nameof(PrefixUrlCases.All), MemberType = typeof(PrefixUrlCases))]
    public void Parse_TableCase_GivesExpectedOutcome(string rawTarget, int status, string? location)
    {
        var result = PrefixUrlParser.Parse(rawTarget);

        Assert.Equal(status == 302, result.IsValid);
        if (status == 302)
        {
            Assert.Equal(location, result.Url!.Target);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }
    }

    [Fact]
    public void Parse_TableHasAtLeastSixtyCases() => Assert.True(PrefixUrlCases.All.Count >= 60);

    [Theory]
    [InlineData("/e/example.com/ep.mp3\r\nX: y")]
    [InlineData("/e/example.com/ep\n.mp3")]
    [InlineData("/e/exa\tmple.com/ep.mp3")]
    [InlineData("/e/example.com/ep.mp3\u007F")]
    [InlineData("/e/example.com/ep.mp3\0")]
    public void Parse_RawControlCharacter_IsRefused(string rawTarget)
    {
        var result = PrefixUrlParser.Parse(rawTarget);
        Assert.False(result.IsValid);
        Assert.Contains("URL contains", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RawNonAscii_IsPercentEncodedAsUtf8AndAsciiLeftAlone()
    {
        var result = PrefixUrlParser.Parse("/e/example.com/caf\u00e9/\U0001F3A7%20x.mp3?q=\u00fc");
        Assert.Equal("https://example.com/caf%C3%A9/%F0%9F%8E%A7%20x.mp3?q=%C3%BC", result.Url!.Target);
    }

    [Theory]
    [InlineData("/e,pg=" + PrefixUrlCases.Guid1 + "/example.com/a.mp3")]
    [InlineData("/e,x=1,PG%3d" + PrefixUrlCases.Guid1 + "/example.com/a.mp3")]
    [InlineData("/e/pg=" + PrefixUrlCases.Guid1 + "/example.com/a.mp3")]
    public void Parse_PodcastGuidArgument_IsRead(string rawTarget)
    {
        var result = PrefixUrlParser.Parse(rawTarget);
        Assert.Equal(Guid.Parse(PrefixUrlCases.Guid1), result.Url!.PodcastGuid);
        Assert.Equal("https://example.com/a.mp3", result.Url.Target);
    }

    [Theory]
    [InlineData("/e,pg=zzz/example.com/a.mp3")]
    [InlineData("/e,pg=00000000-0000-0000-0000-000000000000/example.com/a.mp3")]
    [InlineData("/e/example.com/a.mp3")]
    public void Parse_NoValidPodcastGuid_LeavesItNull(string rawTarget)
    {
        Assert.Null(PrefixUrlParser.Parse(rawTarget).Url!.PodcastGuid);
    }

    [Theory]
    [InlineData("/e/localhost/a.mp3", "localhost")]
    [InlineData("/e/10.0.0.1/a.mp3", "private")]
    [InlineData("/e/example.com:0/a.mp3", "port")]
    [InlineData("/e/https://https://x.com/a", "second scheme")]
    [InlineData("/e/example.com/", "path")]
    [InlineData("/e/exa_mple.com/a.mp3", "characters")]
    public void Parse_Refusal_ExplainsTheProblem(string rawTarget, string expectedWord)
    {
        Assert.Contains(expectedWord, PrefixUrlParser.Parse(rawTarget).Error, StringComparison.Ordinal);
    }
}
