using System.Globalization;
using System.Text;

namespace Feed.Updater.Tests.Integration;

/// <summary>Small RSS documents for the integration tests: a show with items numbered 1..n, newest first, published recently.</summary>
internal static class TestFeeds
{
    public static string Rss(string title, int items, DateTimeOffset? newest = null, string? extraChannel = null, string mediaBase = "https://media.example.com")
    {
        var latest = newest ?? DateTimeOffset.UtcNow.AddHours(-1);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
            <channel><title>{title}</title><link>https://example.com/show</link><description>About {title}</description>
            <language>en</language><itunes:author>Test Author</itunes:author>{extraChannel}
            """);
        for (var i = items; i >= 1; i--)
        {
            var published = latest.AddDays(-(items - i)).ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"""
                <item><title>Episode {i}</title><guid isPermaLink="false">{title}-ep-{i}</guid><pubDate>{published}</pubDate>
                <enclosure url="{mediaBase}/{Uri.EscapeDataString(title)}/ep{i}.mp3?utm_source=feed" length="12345678" type="audio/mpeg"/>
                <itunes:duration>00:42:10</itunes:duration></item>
                """);
        }

        text.Append("</channel></rss>");
        return text.ToString();
    }

    public const string LoginPage = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\"><input name=\"user\"></form></body></html>";
}
