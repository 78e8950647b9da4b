using System.Xml;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Element names atomized in the parse's <see cref="XmlNameTable"/>: XmlReader hands back these same string
/// objects, so dispatch compares references instead of characters.
/// </summary>
internal sealed class FeedNames(XmlNameTable table)
{
    public readonly string Rss = table.Add("rss");
    public readonly string Rdf = table.Add("RDF");
    public readonly string Feed = table.Add("feed");
    public readonly string Channel = table.Add("channel");
    public readonly string Item = table.Add("item");
    public readonly string Entry = table.Add("entry");
    public readonly string Title = table.Add("title");
    public readonly string Link = table.Add("link");
    public readonly string Description = table.Add("description");
    public readonly string Language = table.Add("language");
    public readonly string ManagingEditor = table.Add("managingEditor");
    public readonly string Ttl = table.Add("ttl");
    public readonly string Image = table.Add("image");
    public readonly string Url = table.Add("url");
    public readonly string PubDate = table.Add("pubDate");
    public readonly string Guid = table.Add("guid");
    public readonly string Enclosure = table.Add("enclosure");
    public readonly string Author = table.Add("author");
    public readonly string Name = table.Add("name");
    public readonly string Email = table.Add("email");
    public readonly string Owner = table.Add("owner");
    public readonly string Category = table.Add("category");
    public readonly string Explicit = table.Add("explicit");
    public readonly string Type = table.Add("type");
    public readonly string NewFeedUrl = table.Add("new-feed-url");
    public readonly string Complete = table.Add("complete");
    public readonly string Summary = table.Add("summary");
    public readonly string Episode = table.Add("episode");
    public readonly string Season = table.Add("season");
    public readonly string EpisodeType = table.Add("episodeType");
    public readonly string Duration = table.Add("duration");
    public readonly string Encoded = table.Add("encoded");
    public readonly string Date = table.Add("date");
    public readonly string Creator = table.Add("creator");
    public readonly string Locked = table.Add("locked");
    public readonly string Person = table.Add("person");
    public readonly string Transcript = table.Add("transcript");
    public readonly string Chapters = table.Add("chapters");
    public readonly string Value = table.Add("value");
    public readonly string ValueRecipient = table.Add("valueRecipient");
    public readonly string Medium = table.Add("medium");
    public readonly string Funding = table.Add("funding");
    public readonly string UpdateFrequency = table.Add("updateFrequency");
    public readonly string AlternateEnclosure = table.Add("alternateEnclosure");
    public readonly string Source = table.Add("source");
    public readonly string LiveItem = table.Add("liveItem");
    public readonly string Id = table.Add("id");
    public readonly string Updated = table.Add("updated");
    public readonly string Published = table.Add("published");
    public readonly string Issued = table.Add("issued");
    public readonly string Modified = table.Add("modified");
    public readonly string Subtitle = table.Add("subtitle");
    public readonly string Tagline = table.Add("tagline");
    public readonly string Content = table.Add("content");
    public readonly string Icon = table.Add("icon");
    public readonly string Logo = table.Add("logo");
}
