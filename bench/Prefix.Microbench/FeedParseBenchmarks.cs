using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Prefix.Feeds.Parsing;

namespace Prefix.Microbench;

/// <summary>
/// The feed parser (FEEDS.md "Numbers": ≥ 50 MB/s per core, a 5,000-item feed in &lt; 150 ms). MB/s = the
/// size printed at setup ÷ the mean.
/// </summary>
[MemoryDiagnoser]
public class FeedParseBenchmarks
{
    private static readonly FeedParseOptions Options = new() { FeedUrl = "https://feeds.example.com/bench.xml" };
    private byte[] _typical = [];
    private byte[] _large = [];
    private byte[] _bozo = [];

    [GlobalSetup]
    public void Setup()
    {
        _typical = Encoding.UTF8.GetBytes(TypicalFeed(100));
        _large = File.ReadAllBytes(FindLargeFeed());

        // The same typical feed with one undeclared HTML entity: measures the lenient path (strict attempt + repair + reparse).
        _bozo = Encoding.UTF8.GetBytes(TypicalFeed(100).Replace("</description>", "&nbsp;</description>", StringComparison.Ordinal));
        Console.WriteLine($"// typical: {_typical.Length:N0} bytes, large: {_large.Length:N0} bytes, bozo: {_bozo.Length:N0} bytes");
    }

    [Benchmark]
    public int Typical100Items() => FeedParser.Parse(_typical, Options).Feed!.Episodes.Count;

    [Benchmark]
    public int Large5000Items() => FeedParser.Parse(_large, Options).Feed!.Episodes.Count;

    [Benchmark]
    public int Typical100ItemsNeedingRepair() => FeedParser.Parse(_bozo, Options).Feed!.Episodes.Count;

    /// <summary>A hosted-show feed as the big hosts write them: iTunes tags, CDATA show notes of ~1 KB, one enclosure.</summary>
    private static string TypicalFeed(int items)
    {
        var text = new StringBuilder();
        text.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <atom:link href="https://feeds.example.com/bench.xml" rel="self" type="application/rss+xml"/>
            <title>Benchmark Weekly</title><link>https://bench.example.com</link><language>en</language>
            <description>A typical weekly interview show.</description>
            <itunes:author>Bench Host</itunes:author><itunes:owner><itunes:name>Bench Media</itunes:name><itunes:email>owner@bench.example.com</itunes:email></itunes:owner>
            <itunes:image href="https://bench.example.com/cover.jpg"/><itunes:category text="Business"><itunes:category text="Entrepreneurship"/></itunes:category>
            <itunes:explicit>false</itunes:explicit><podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>

            """);
        var start = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero);
        var notes = string.Concat(Enumerable.Repeat("In this episode we talk about building things, shipping them, and what we learned along the way. ", 9));
        for (var n = items; n > 0; n--)
        {
            var date = start.AddDays(-7 * (items - n)).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"""
                <item><title>Episode {n}: An interview</title><itunes:title>An interview</itunes:title>
                <description><![CDATA[<p>{notes}</p><p>Links: <a href="https://bench.example.com/{n}">show notes</a></p>]]></description>
                <guid isPermaLink="false">bench-{n}-6f1c2a</guid><pubDate>{date}</pubDate>
                <enclosure url="https://dts.example.net/redirect.mp3/cdn.example.com/bench/{n}.mp3?source=feed" length="{40_000_000 + n}" type="audio/mpeg"/>
                <itunes:duration>{n % 2}:{n % 60:00}:{n % 59:00}</itunes:duration><itunes:episode>{n}</itunes:episode><itunes:episodeType>full</itunes:episodeType><itunes:explicit>no</itunes:explicit>
                </item>

                """);
        }

        text.Append("</channel></rss>\n");
        return text.ToString();
    }

    private static string FindLargeFeed()
    {
        const string Relative = "tests/Prefix.Feeds.Tests/TestData/Feeds/large-5000-items.xml";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, Relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{Relative} not found above {AppContext.BaseDirectory}.");
    }
}
