using Attribution.Api.Import;

namespace Attribution.Api.Tests.Import;

public sealed class HitFieldRulesTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.7", "::ffff:203.0.113.7")]
    public void ParseIp_Literal_Parsed(string text, string expected)
    {
        Assert.Equal(expected, HitFieldRules.ParseIp(text)?.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4:80")]
    [InlineData(" 1.2.3.4")]
    [InlineData("[2001:db8::1]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::g")]
    [InlineData("example.com")]
    [InlineData("2130706433")]
    public void ParseIp_NotALiteral_Null(string text)
    {
        Assert.Null(HitFieldRules.ParseIp(text));
    }
}
