using Prefix.Feeds.Parsing;

namespace Prefix.Feeds.Tests.Parsing;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Tue, 07 Jan 2025 08:30:00 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 +0000", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 25 08:30:00 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 75 08:30:00 GMT", "1975-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("07 Jan 2025 08:30:00 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("Fri, 07 Jan 2025 08:30:00 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 UT", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 UTC", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 Z", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 EST", "2025-01-07T13:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 EDT", "2025-01-07T12:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 CST", "2025-01-07T14:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 MDT", "2025-01-07T14:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 PST", "2025-01-07T16:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 PDT", "2025-01-07T15:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 M", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 -0500", "2025-01-07T13:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00 +05:30", "2025-01-07T03:00:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:00+0100", "2025-01-07T07:30:00Z")]
    [InlineData("Tue, 07 Sept 2021 08:30:00 GMT", "2021-09-07T08:30:00Z")]
    [InlineData("Tue, 07 September 2021 08:30:00 GMT", "2021-09-07T08:30:00Z")]
    [InlineData("Tuesday, 07-Jan-2025", null)]
    [InlineData("  Tue,   07  jan  2025  08:30:00  gmt  ", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 07 Jan. 2025 08:30:00 GMT", "2025-01-07T08:30:00Z")]
    [InlineData("Tue Jan 07 2025 08:30:00 GMT+0000 (Coordinated Universal Time)", "2025-01-07T08:30:00Z")]
    [InlineData("Tue, 31 Dec 2024 23:30:00 -0100", "2025-01-01T00:30:00Z")]
    [InlineData("Tue, 07 Jan 2025 08:30:60 GMT", "2025-01-07T08:30:59Z")]
    [InlineData("2025-01-07T08:30:00Z", "2025-01-07T08:30:00Z")]
    [InlineData("2025-01-07T08:30:00-05:00", "2025-01-07T13:30:00Z")]
    [InlineData("2025-01-07T08:30:00.5+01:00", "2025-01-07T07:30:00.5Z")]
    [InlineData("2025-01-07 08:30:00 -0500", "2025-01-07T13:30:00Z")]
    [InlineData("2025-01-07 08:30:00 UTC", "2025-01-07T08:30:00Z")]
    [InlineData("2025-01-07", "2025-01-07T00:00:00Z")]
    [InlineData("1736238600", "2025-01-07T08:30:00Z")]
    [InlineData("1736238600000", "2025-01-07T08:30:00Z")]
    [InlineData("", null)]
    [InlineData("soon", null)]
    [InlineData("2025", null)]
    [InlineData("Tue, 30 Feb 2025 08:30:00 GMT", null)]
    [InlineData("Tue, 07 Jan 2025 24:30:00 GMT", null)]
    [InlineData("Tue, 07 Jan 2025 08:30:00 XST", null)]
    [InlineData("Tue, 07 Foo 2025 08:30:00 GMT", null)]
    [InlineData("07 Jan 08:30:00 GMT", null)]
    [InlineData("2025-02-30T00:00:00Z", null)]
    public void Parse_Variant_ReturnsUtcOrNull(string text, string? expected)
    {
        var parsed = FeedDateParser.Parse(text);
        if (expected is null)
        {
            Assert.Null(parsed);
            return;
        }

        Assert.NotNull(parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
    }
}
