namespace Prefix.Feeds.Parsing;

/// <summary>
/// RSS 2.0 (and 0.9x, which it extends) and RSS 1.0 / RDF, with the iTunes, Podcasting 2.0, content and
/// Dublin Core extensions read at channel and item level.
/// </summary>
internal static class RssReader
{
    private const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string EncNamespace = "http://purl.oclc.org/net/rss_2.0/enc#";

    /// <summary>Reads an &lt;rss&gt; root; null when it has no &lt;channel&gt;.</summary>
    public static FeedDraft? ReadRss(FeedReadContext context)
    {
        FeedDraft? feed = null;
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (feed is null && context.Is(context.Names.Channel) && context.Namespace == FeedNamespace.Rss)
                {
                    feed = new FeedDraft();
                    ReadChannel(context, feed);
                }
                else
                {
                    context.Skip();
                }
            }
        }

        return feed;
    }

    /// <summary>Reads an rdf:RDF root (RSS 1.0 / 0.90): channel, image and items are siblings.</summary>
    public static FeedDraft? ReadRdf(FeedReadContext context)
    {
        var feed = new FeedDraft();
        var sawChannel = false;
        var names = context.Names;
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (context.Namespace != FeedNamespace.Rss)
                {
                    context.Skip();
                }
                else if (context.Is(names.Channel))
                {
                    sawChannel = true;
                    ReadChannel(context, feed);
                }
                else if (context.Is(names.Item))
                {
                    ReadItem(context, feed, isLive: false);
                }
                else if (context.Is(names.Image))
                {
                    ReadImage(context, feed);
                }
                else
                {
                    context.Skip();
                }
            }
        }

        return sawChannel ? feed : null;
    }

    private static void ReadChannel(FeedReadContext context, FeedDraft feed)
    {
        var names = context.Names;
        var depth = context.Reader.Depth;
        if (!context.Enter())
        {
            return;
        }

        while (context.NextChild(depth))
        {
            switch (context.Namespace)
            {
                case FeedNamespace.Rss:
                    if (context.Is(names.Item))
                    {
                        ReadItem(context, feed, isLive: false);
                    }
                    else if (context.Is(names.Title))
                    {
                        feed.Title ??= context.ReadText();
                    }
                    else if (context.Is(names.Link))
                    {
                        feed.Link ??= context.ReadText();
                    }
                    else if (context.Is(names.Description))
                    {
                        feed.Description ??= context.ReadText();
                    }
                    else if (context.Is(names.Language))
                    {
                        feed.Language ??= context.ReadText();
                    }
                    else if (context.Is(names.ManagingEditor))
                    {
                        feed.ManagingEditor ??= context.ReadText();
                    }
                    else if (context.Is(names.Ttl))
                    {
                        ReadTtl(context, feed);
                    }
                    else if (context.Is(names.Image))
                    {
                        ReadImage(context, feed);
                    }
                    else
                    {
                        context.Skip();
                    }

                    break;
                case FeedNamespace.Itunes:
                    ItunesElements.ReadChannel(context, feed);
                    break;
                case FeedNamespace.Podcast:
                    PodcastElements.ReadChannel(context, feed, static (c, f) => ReadItem(c, f, isLive: true));
                    break;
                case FeedNamespace.DublinCore when context.Is(names.Language):
                    feed.Language ??= context.ReadText();
                    break;
                default:
                    context.Skip();
                    break;
            }
        }
    }

    private static void ReadTtl(FeedReadContext context, FeedDraft feed)
    {
        var text = context.ReadText();
        if (text is null || feed.TtlMinutes is not null)
        {
            return;
        }

        if (FieldValues.Number(text) is { } minutes and > 0)
        {
            feed.TtlMinutes = minutes;
        }
        else
        {
            context.Warnings.Add($"ttl '{text}' is not a positive number of minutes; ignored.");
        }
    }

    private static void ReadImage(FeedReadContext context, FeedDraft feed)
    {
        // RSS 1.0 puts the URL in rdf:resource on the channel's image reference and in <url> on the image element.
        var depth = context.Reader.Depth;
        if (!context.Enter())
        {
            return;
        }

        while (context.NextChild(depth))
        {
            if (context.Namespace == FeedNamespace.Rss && context.Is(context.Names.Url))
            {
                feed.RssImage ??= context.ReadText();
            }
            else
            {
                context.Skip();
            }
        }
    }

    private static void ReadItem(FeedReadContext context, FeedDraft feed, bool isLive)
    {
        var names = context.Names;
        var episode = new EpisodeDraft(feed.Episodes.Count + 1) { IsLive = isLive };
        feed.Episodes.Add(episode);

        // RSS 1.0 items carry their identity in rdf:about.
        var about = context.Reader.GetAttribute("about", RdfNamespace);
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                switch (context.Namespace)
                {
                    case FeedNamespace.Rss:
                        ReadCoreItemElement(context, episode);
                        break;
                    case FeedNamespace.Itunes:
                        ItunesElements.ReadItem(context, episode);
                        break;
                    case FeedNamespace.Podcast:
                        PodcastElements.ReadItem(context, episode);
                        break;
                    case FeedNamespace.Content when context.Is(names.Encoded):
                        episode.ContentEncoded ??= context.ReadText();
                        break;
                    case FeedNamespace.DublinCore when context.Is(names.Date):
                        episode.DcDate ??= context.ReadText();
                        break;
                    case FeedNamespace.Enclosure when context.Is(names.Enclosure):
                        episode.OfferEnclosure(
                            FieldValues.Clean(context.Reader.GetAttribute("resource", RdfNamespace)),
                            context.Reader.GetAttribute("type", EncNamespace),
                            context.Reader.GetAttribute("length", EncNamespace));
                        context.Skip();
                        break;
                    default:
                        context.Skip();
                        break;
                }
            }
        }

        episode.Guid ??= FieldValues.Clean(about);
    }

    private static void ReadCoreItemElement(FeedReadContext context, EpisodeDraft episode)
    {
        var names = context.Names;
        if (context.Is(names.Enclosure))
        {
            episode.OfferEnclosure(context.Attribute("url"), context.Reader.GetAttribute("type"), context.Reader.GetAttribute("length"));
            context.Skip();
        }
        else if (context.Is(names.Guid))
        {
            episode.Guid ??= context.ReadText();
        }
        else if (context.Is(names.Title))
        {
            episode.Title ??= context.ReadText();
        }
        else if (context.Is(names.Description))
        {
            episode.Description ??= context.ReadText();
        }
        else if (context.Is(names.PubDate))
        {
            episode.PubDate ??= context.ReadText();
        }
        else
        {
            context.Skip();
        }
    }
}
