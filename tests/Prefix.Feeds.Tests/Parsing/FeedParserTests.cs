using System.Diagnostics;
using System.Text;
using Prefix.Core.Identities;
using Prefix.Feeds.Parsing;

namespace Prefix.Feeds.Tests.Parsing;

public sealed class FeedParserTests
{
    private static string Rss(string channel) =>
        $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{channel}</channel></rss>";

    private static FeedParseResult Parse(string xml, string? feedUrl = "https://feeds.example.com/t.xml") =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(xml), new FeedParseOptions { FeedUrl = feedUrl });

    [Theory]
    [InlineData("text/xml; charset=ISO-8859-1", true)]
    [InlineData("application/rss+xml;charset=\"windows-1252\"", true)]
    [InlineData("text/xml; charset=utf-8", false)]
    [InlineData(null, false)]
    public void Parse_NonUtf8BytesWithoutDeclaration_DecodesAs1252AndNamesTheSource(string? contentType, bool fromHttp)
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("<rss><channel><title>Caf"), 0xE9, 0x20, 0x93, 0x78, 0x94, .. Encoding.ASCII.GetBytes("</title></channel></rss>")];

        var result = FeedParser.Parse(bytes, new FeedParseOptions { ContentType = contentType });

        Assert.Equal("Caf\u00e9 \u201Cx\u201D", result.Feed!.Title);
        Assert.True(result.Feed.Bozo);
        Assert.Equal(fromHttp, result.Feed.Warnings[0].Contains("HTTP charset", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "utf-8", false)]
    [InlineData(new byte[] { }, "utf-8", false)]
    [InlineData(new byte[] { }, "ISO-8859-1", true)]
    [InlineData(new byte[] { }, "shift_jis", true)]
    public void Parse_ValidUtf8_WinsOverTheDeclaration(byte[] bom, string declared, bool bozo)
    {
        var body = bom.Concat(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"{declared}\"?><rss><channel><title>\u00e9t\u00e9 \u2014 \u65e5</title></channel></rss>")).ToArray();

        var feed = FeedParser.Parse(body).Feed!;

        Assert.Equal("\u00e9t\u00e9 \u2014 \u65e5", feed.Title);
        Assert.Equal(bozo, feed.Bozo);
    }

    [Fact]
    public void Parse_Utf16WithoutBom_IsRecognisedFromTheFirstCharacter()
    {
        var body = Encoding.BigEndianUnicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><title>\u00e9</title></channel></rss>");

        Assert.Equal("\u00e9", FeedParser.Parse(body).Feed!.Title);
    }

    [Fact]
    public void Parse_Windows1252HighRange_MapsEveryDefinedByte()
    {
        // 0x80–0x9F are where 1252 and Latin-1 differ; 0x81/0x8D/0x8F/0x90/0x9D are undefined and stay C1 controls.
        var expected = "\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178";
        byte[] defined = [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8E, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9E, 0x9F];

        Assert.Equal(expected, new string(defined.Select(Windows1252.ToChar).ToArray()));
        Assert.Equal('\u0081', Windows1252.ToChar(0x81));
        Assert.Equal('\u00E9', Windows1252.ToChar(0xE9));
    }

    [Theory]
    [InlineData("x&nbsp;&eacute;&mdash;&rsquo;&hellip;&copy;", "x\u00A0\u00E9\u2014\u2019\u2026\u00A9", true)]
    [InlineData("A &amp; B &lt; C", "A & B < C", false)]
    [InlineData("A & B", "A & B", true)]
    [InlineData("&#233;&#xE9;", "\u00E9\u00E9", false)]
    [InlineData("x&#0;y", "xy", true)]
    [InlineData("&Eacute;&eacute;", "\u00C9\u00E9", true)]
    [InlineData("&bogus;", "&bogus;", true)]
    [InlineData("<![CDATA[&nbsp; & <b>]]>", "&nbsp; & <b>", false)]
    [InlineData("<![CDATA[&]]> &nbsp;y", "& \u00A0y", true)]
    public void Parse_TitleText_RepairsOnlyWhatXmlRejects(string title, string expected, bool bozo)
    {
        var feed = Parse(Rss("").Replace("<title>T</title>", $"<title>{title}</title>", StringComparison.Ordinal)).Feed!;

        Assert.Equal(expected, feed.Title);
        Assert.Equal(bozo, feed.Bozo);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRejectedWithoutExpanding()
    {
        var body = GoldenFiles.Read("billion-laughs");
        var cpu = Stopwatch.StartNew();
        var before = Process.GetCurrentProcess().TotalProcessorTime;

        var result = FeedParser.Parse(body);

        var used = Process.GetCurrentProcess().TotalProcessorTime - before;
        Assert.Equal(FeedParseErrorKind.Rejected, result.Error!.Kind);

        // Generous: the scan is linear in a 1 KB document and takes microseconds; expanding would take minutes.
        Assert.True(used < TimeSpan.FromSeconds(1) && cpu.Elapsed < TimeSpan.FromSeconds(5), $"cpu {used}, wall {cpu.Elapsed}");
    }

    [Theory]
    [InlineData("<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&xxe;</title></channel></rss>")]
    [InlineData("<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %remote;]><rss><channel><title>t</title></channel></rss>")]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- c --><!doctype rss [ <!ENTITY a \"b\"> ]><rss><channel><title>&a;</title></channel></rss>")]
    public void Parse_EntityDeclarations_AreRejected(string xml) =>
        Assert.Equal(FeedParseErrorKind.Rejected, Parse(xml).Error!.Kind);

    [Fact]
    public void Parse_DoctypeWithoutEntities_IsIgnoredWithAWarning()
    {
        var feed = Parse("<!DOCTYPE rss SYSTEM \"http://127.0.0.1:1/rss.dtd\" [ <!ELEMENT rss ANY> ]><rss><channel><title>ok</title></channel></rss>").Feed!;

        Assert.Equal("ok", feed.Title);
        Assert.False(feed.Bozo);
        Assert.Contains(feed.Warnings, w => w.Contains("DOCTYPE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", FeedParseErrorKind.Empty)]
    [InlineData(" \r\n ", FeedParseErrorKind.Empty)]
    [InlineData("<!doctype HTML><html><body>Just a moment...</body></html>", FeedParseErrorKind.Html)]
    [InlineData("<html><head><title>Login</title></head></html>", FeedParseErrorKind.Html)]
    [InlineData("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", FeedParseErrorKind.Html)]
    [InlineData("<HEAD><TITLE>302 Found</TITLE></HEAD><BODY>moved</BODY>", FeedParseErrorKind.Html)]
    [InlineData("{\"error\":\"not found\"}", FeedParseErrorKind.Json)]
    [InlineData("[1,2]", FeedParseErrorKind.Json)]
    [InlineData("<opml/>", FeedParseErrorKind.NotAFeed)]
    [InlineData("<feed/>", FeedParseErrorKind.NotAFeed)]
    [InlineData("<rss version=\"2.0\"></rss>", FeedParseErrorKind.Malformed)]
    [InlineData("<rss><channel><title>x</channel></rss>", FeedParseErrorKind.Malformed)]
    [InlineData("<?xml version=\"1.0\"?>", FeedParseErrorKind.Malformed)]
    [InlineData("Service Unavailable", FeedParseErrorKind.Malformed)]
    public void Parse_NotAFeed_ReturnsKindWithAReason(string body, FeedParseErrorKind kind)
    {
        var result = Parse(body);

        Assert.False(result.Succeeded);
        Assert.Equal(kind, result.Error!.Kind);
        Assert.EndsWith(".", result.Error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutFeedUrl_UsesPodcastGuidAsShowId()
    {
        const string Guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810";
        var xml = $"<rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>T</title><podcast:guid>{Guid}</podcast:guid>"
            + "<item><guid>g1</guid></item></channel></rss>";

        var feed = Parse(xml, feedUrl: null).Feed!;

        Assert.Null(feed.Id);
        Assert.Null(feed.Url);
        Assert.Equal(System.Guid.Parse(Guid), feed.ShowId);
        Assert.Equal(PodcastIdentity.EpisodeId(System.Guid.Parse(Guid), "g1", ""), feed.Episodes[0].Id);
    }

    [Fact]
    public void Parse_WithoutFeedUrlOrGuid_LeavesIdsNull()
    {
        var feed = Parse(Rss("<item><guid>g1</guid></item>"), feedUrl: null).Feed!;

        Assert.Null(feed.Id);
        Assert.Null(feed.ShowId);
        Assert.Null(feed.Episodes[0].Id);
    }

    [Fact]
    public void Parse_WithFeedUrlAndGuid_FeedIdFromUrlShowIdFromGuid()
    {
        const string Guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810";
        var xml = $"<rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>T</title><podcast:guid>{Guid}</podcast:guid></channel></rss>";

        var feed = Parse(xml, "https://feeds.example.com/show/").Feed!;

        Assert.Equal(PodcastIdentity.ShowId("https://feeds.example.com/show/"), feed.Id);
        Assert.Equal(System.Guid.Parse(Guid), feed.ShowId);
    }

    [Fact]
    public void Parse_InvalidPodcastGuid_FallsBackToTheUrlWithAWarning()
    {
        var xml = "<rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>T</title><podcast:guid>not-a-guid</podcast:guid></channel></rss>";

        var feed = Parse(xml).Feed!;

        Assert.Equal(feed.Id, feed.ShowId);
        Assert.Contains(feed.Warnings, w => w.Contains("not-a-guid", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyBadValues_CapsTheWarnings()
    {
        var items = string.Concat(Enumerable.Range(1, 300).Select(i => $"<item><guid>g{i}</guid><pubDate>never</pubDate></item>"));

        var feed = Parse(Rss(items)).Feed!;

        Assert.Equal(300, feed.Episodes.Count);
        Assert.Equal(FeedWarnings.Limit + 1, feed.Warnings.Count);
        Assert.Equal("… and 200 more warnings.", feed.Warnings[^1]);
    }

    [Fact]
    public void Parse_LargeFeed_ReadsAllItemsInDocumentOrder()
    {
        var feed = GoldenFiles.Parse("large-5000-items").Feed!;

        Assert.Equal(5000, feed.Episodes.Count);
        Assert.Equal("large-5000", feed.Episodes[0].ItemGuid);
        Assert.Equal("large-1", feed.Episodes[^1].ItemGuid);
        Assert.Equal(5000, feed.Episodes.Select(e => e.Id).Distinct().Count());
    }
}
