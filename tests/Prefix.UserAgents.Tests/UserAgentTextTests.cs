namespace Prefix.UserAgents.Tests;

public sealed class UserAgentTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  curl/8.5.0  ", "curl/8.5.0")]
    [InlineData("curl/8.5.0\r\n", "curl/8.5.0")]
    [InlineData("a\u0000b\u007fc", "a b c")]
    public void Normalize_Value_GivesCleanText(string? value, string expected)
    {
        Assert.Equal(expected, UserAgentText.Normalize(value));
    }

    [Fact]
    public void Normalize_CleanValue_ReturnsSameInstance()
    {
        const string agent = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)";

        Assert.Same(agent, UserAgentText.Normalize(agent));
    }

    [Fact]
    public void Normalize_HundredKilobytes_CutToMaxLength()
    {
        Assert.Equal(UserAgentText.MaxLength, UserAgentText.Normalize(new string('a', 100_000)).Length);
    }
}
