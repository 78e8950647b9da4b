using System.Text;
using Feed.FakeHost.Media;
using Feed.FakeHost.Model;

namespace Feed.FakeHost.Generation;

/// <summary>
/// Writes one version of a feed as RSS 2.0 + iTunes + Podcasting 2.0, straight to UTF-8 bytes.
/// </summary>
/// <remarks>
/// The newest item is the one the version introduced; item k back is the one version − k introduced, so a new version
/// shifts the window by one (one item added, the oldest dropped) and every item's text, guid, date and enclosure
/// depend only on (feed, item version): an unchanged item is byte-identical in every version that carries it.
/// Each item is ~1.1–1.4 KB. Styles (CDATA vs escaped HTML, guid form, date zone) vary per feed, not per item.
/// </remarks>
internal sealed class FeedWriter(FeedModel model)
{
    private readonly byte[] _baseUrl = Encoding.UTF8.GetBytes(model.BaseUrl);

    /// <summary>Version <paramref name="version"/> of the feed; <paramref name="pooled"/>: rented chunks, the caller disposes the body.</summary>
    public FeedBody Write(in FeedProfile feed, long version, bool pooled)
    {
        var o = new ChunkedBuffer(pooled);
        var style = new SplitMix(feed.TextSeed);
        var cdata = style.Chance(0.5);
        var urlGuids = style.Chance(0.3);
        var numericZone = style.Chance(0.4);
        var secondsDuration = style.Chance(0.3);
        var transcripts = style.Chance(0.25);
        var podcastGuid = style.Chance(0.6);
        var funding = style.Chance(0.3);
        var n = feed.Number;

        o.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>"u8);
        WriteTitleWords(o, ref style, 2, 4);
        // The channel title is edited now and then: every 20 versions the "season" in it changes.
        var era = (version + (long)(feed.TextSeed & 0xFFFF)) / 20;
        o.Write(" \u00B7 Season "u8);
        o.Write(1 + (era % 9));
        o.Write("</title>\n<link>"u8);
        WriteSite(o, n);
        o.Write("</link>\n<atom:link href=\""u8);
        WriteFeedUrl(o, n);
        o.Write("\" rel=\"self\" type=\"application/rss+xml\"/>\n<description>"u8);
        WriteBodyWords(o, ref style, style.Between(150, 400), html: false, cdata: false, n);
        o.Write("</description>\n<language>"u8);
        o.Write(Pick(Words.Languages, ref style));
        o.Write("</language>\n<copyright>\u00A9 2026 "u8);
        var author = Pick(Words.People, ref style);
        o.Write(author);
        o.Write("</copyright>\n<lastBuildDate>"u8);
        o.WriteDate(FeedModel.VersionStartMs(feed, version), numericZone);
        o.Write("</lastBuildDate>\n<generator>Feed.FakeHost</generator>\n<itunes:author>"u8);
        o.Write(author);
        o.Write("</itunes:author>\n<itunes:image href=\""u8);
        WriteSite(o, n);
        o.Write("artwork-3000.jpg\"/>\n<itunes:category text=\""u8);
        o.Write(Pick(Words.Categories, ref style));
        o.Write("\"/>\n<itunes:explicit>false</itunes:explicit>\n<itunes:type>episodic</itunes:type>\n<itunes:owner><itunes:name>"u8);
        o.Write(author);
        o.Write("</itunes:name><itunes:email>feeds@show"u8);
        o.Write(n);
        o.Write(".example.com</itunes:email></itunes:owner>\n"u8);
        if (podcastGuid)
        {
            o.Write("<podcast:guid>"u8);
            o.Write(GuidOf(feed.TextSeed));
            o.Write("</podcast:guid>\n"u8);
        }

        o.Write("<podcast:locked owner=\"feeds@show"u8);
        o.Write(n);
        o.Write(".example.com\">no</podcast:locked>\n<podcast:person role=\"host\">"u8);
        o.Write(author);
        o.Write("</podcast:person>\n"u8);
        if (funding)
        {
            o.Write("<podcast:funding url=\""u8);
            WriteSite(o, n);
            o.Write("support\">Support the show</podcast:funding>\n"u8);
        }

        for (var k = 0; k < feed.ItemCount; k++)
        {
            WriteItem(o, feed, version - k, cdata, urlGuids, numericZone, secondsDuration, transcripts);
        }

        o.Write("</channel>\n</rss>\n"u8);
        return o.ToBody(version);
    }

    private void WriteItem(ChunkedBuffer o, in FeedProfile feed, long item, bool cdata, bool urlGuids, bool numericZone, bool secondsDuration, bool transcripts)
    {
        var n = feed.Number;
        var text = new SplitMix(Mix.Hash(feed.TextSeed, (ulong)item));
        var episode = FeedModel.EpisodeNumber(feed, item);

        o.Write("<item>\n<title>"u8);
        WriteTitleWords(o, ref text, 3, 9);
        if (episode > 0)
        {
            o.Write(" (Ep. "u8);
            o.Write(episode);
            o.Write(')');
        }

        o.Write("</title>\n<description>"u8);
        WriteBodyWords(o, ref text, text.Between(450, 1000), html: true, cdata, n);
        o.Write("</description>\n<link>"u8);
        WriteSite(o, n);
        o.Write("episodes/"u8);
        o.Write(item);
        if (urlGuids)
        {
            o.Write("</link>\n<guid isPermaLink=\"true\">"u8);
            WriteSite(o, n);
            o.Write("episodes/"u8);
            o.Write(item);
        }
        else
        {
            o.Write("</link>\n<guid isPermaLink=\"false\">"u8);
            o.Write(GuidOf(Mix.Hash(feed.TextSeed, (ulong)item, 1)));
        }

        o.Write("</guid>\n<pubDate>"u8);
        o.WriteDate(FeedModel.VersionStartMs(feed, item), numericZone);
        o.Write("</pubDate>\n<enclosure url=\""u8);
        o.Write(_baseUrl);
        o.Write("/media/"u8);
        o.Write(n);
        o.Write('/');
        o.Write(item);
        o.Write(".mp3\" length=\""u8);
        var length = MediaFile.LengthOf(model.Seed, n, item);
        o.Write(length);
        o.Write("\" type=\"audio/mpeg\"/>\n<itunes:duration>"u8);
        var seconds = length / 16_000; // 128 kbit/s
        if (secondsDuration)
        {
            o.Write(seconds);
        }
        else
        {
            o.Write(seconds / 3600);
            o.Write(':');
            o.WriteTwoDigits(seconds / 60 % 60);
            o.Write(':');
            o.WriteTwoDigits(seconds % 60);
        }

        o.Write("</itunes:duration>\n"u8);
        if (episode > 0)
        {
            o.Write("<itunes:episode>"u8);
            o.Write(episode);
            o.Write("</itunes:episode>\n"u8);
        }

        o.Write("<itunes:explicit>false</itunes:explicit>\n"u8);
        if (transcripts)
        {
            o.Write("<podcast:transcript url=\""u8);
            WriteSite(o, n);
            o.Write("episodes/"u8);
            o.Write(item);
            o.Write(".vtt\" type=\"text/vtt\"/>\n"u8);
        }

        o.Write("</item>\n"u8);
    }

    private static void WriteTitleWords(ChunkedBuffer o, ref SplitMix random, int min, int max)
    {
        var count = random.Between(min, max + 1);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                o.Write(' ');
            }

            o.Write(Pick(Words.Title, ref random));
        }
    }

    /// <summary>About <paramref name="bytes"/> of prose; as HTML paragraphs (in CDATA, or escaped) when <paramref name="html"/>.</summary>
    private static void WriteBodyWords(ChunkedBuffer o, ref SplitMix random, int bytes, bool html, bool cdata, int n)
    {
        var open = !html ? ""u8 : cdata ? "<p>"u8 : "&lt;p&gt;"u8;
        var close = !html ? ""u8 : cdata ? "</p>"u8 : "&lt;/p&gt;"u8;
        if (html && cdata)
        {
            o.Write("<![CDATA["u8);
        }

        var end = o.Length + bytes;
        var inSentence = 0;
        o.Write(open);
        while (o.Length < end)
        {
            if (inSentence > 0)
            {
                o.Write(' ');
            }

            o.Write(Pick(Words.Body, ref random));
            if (++inSentence >= 8 && random.Chance(0.2))
            {
                o.Write('.');
                inSentence = 0;
                if (html && random.Chance(0.3))
                {
                    o.Write(close);
                    o.Write(open);
                }
                else
                {
                    o.Write(' ');
                }
            }
        }

        if (html && cdata)
        {
            o.Write(". <a href=\""u8);
            WriteSite(o, n);
            o.Write("\">Show notes</a>"u8);
        }

        o.Write(close);
        if (html && cdata)
        {
            o.Write("]]>"u8);
        }
    }

    private static byte[] Pick(byte[][] words, ref SplitMix random) => words[random.Below(words.Length)];

    private static void WriteSite(ChunkedBuffer o, int n)
    {
        o.Write("https://show"u8);
        o.Write(n);
        o.Write(".example.com/"u8);
    }

    private void WriteFeedUrl(ChunkedBuffer o, int n)
    {
        o.Write(_baseUrl);
        o.Write("/feeds/"u8);
        o.Write(n);
        o.Write(".xml"u8);
    }

    private static Guid GuidOf(ulong h)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, h);
        BitConverter.TryWriteBytes(bytes[8..], Mix.Finalize(h));
        return new Guid(bytes);
    }
}
