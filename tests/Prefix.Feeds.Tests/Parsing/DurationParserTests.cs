using Prefix.Feeds.Parsing;

namespace Prefix.Feeds.Tests.Parsing;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("3600", 3600d)]
    [InlineData("0", 0d)]
    [InlineData("2723.5", 2723.5)]
    [InlineData("45:30", 2730d)]
    [InlineData("5:07", 307d)]
    [InlineData("75:00", 4500d)]
    [InlineData("1:02:03", 3723d)]
    [InlineData("01:02:03.250", 3723.25)]
    [InlineData("00:00:59.75", 59.75)]
    [InlineData(" 10:00 ", 600d)]
    [InlineData("1h 2m 3s", 3723d)]
    [InlineData("1h2m", 3720d)]
    [InlineData("90 min", 5400d)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    [InlineData("-5", null)]
    [InlineData("1:2:3:4", null)]
    [InlineData("12:xx", null)]
    [InlineData(":30", null)]
    [InlineData("1.5:00", null)]
    [InlineData("99999999", null)]
    [InlineData("1e3", null)]
    [InlineData("3 fortnights", null)]
    public void Parse_Value_ReturnsSecondsOrNull(string text, double? expected) =>
        Assert.Equal(expected, DurationParser.Parse(text));
}
