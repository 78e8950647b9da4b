namespace Prefix.Feeds.Parsing;

/// <summary>
/// Atom 1.0 (RFC 4287; Atom 0.3's names where they differ): entry → episode, id → guid, link rel="enclosure" →
/// enclosure, published (else updated) → date, summary (else content) → description. iTunes and Podcasting 2.0
/// elements are read the same way as in RSS.
/// </summary>
internal static class AtomReader
{
    public static FeedDraft ReadFeed(FeedReadContext context)
    {
        var feed = new FeedDraft();
        var names = context.Names;
        string? logo = null, icon = null;
        var language = FieldValues.Clean(context.Reader.XmlLang);
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                switch (context.Namespace)
                {
                    case FeedNamespace.Atom:
                        if (context.Is(names.Entry))
                        {
                            ReadEntry(context, feed);
                        }
                        else if (context.Is(names.Title))
                        {
                            feed.Title ??= context.ReadText();
                        }
                        else if (context.Is(names.Subtitle) || context.Is(names.Tagline))
                        {
                            feed.Description ??= context.ReadText();
                        }
                        else if (context.Is(names.Link))
                        {
                            if (IsAlternate(context.Attribute("rel")))
                            {
                                feed.Link ??= context.Attribute("href");
                            }

                            context.Skip();
                        }
                        else if (context.Is(names.Author))
                        {
                            feed.AtomAuthor ??= ReadPersonName(context);
                        }
                        else if (context.Is(names.Logo))
                        {
                            logo ??= context.ReadText();
                        }
                        else if (context.Is(names.Icon))
                        {
                            icon ??= context.ReadText();
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
                        PodcastElements.ReadChannel(context, feed, static (c, _) => c.Skip());
                        break;
                    default:
                        context.Skip();
                        break;
                }
            }
        }

        feed.RssImage = logo ?? icon;
        feed.Language ??= language;
        return feed;
    }

    private static void ReadEntry(FeedReadContext context, FeedDraft feed)
    {
        var names = context.Names;
        var episode = new EpisodeDraft(feed.Episodes.Count + 1);
        feed.Episodes.Add(episode);
        string? updated = null;
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                switch (context.Namespace)
                {
                    case FeedNamespace.Atom:
                        if (context.Is(names.Id))
                        {
                            episode.Guid ??= context.ReadText();
                        }
                        else if (context.Is(names.Title))
                        {
                            episode.Title ??= context.ReadText();
                        }
                        else if (context.Is(names.Summary))
                        {
                            episode.Description ??= context.ReadText();
                        }
                        else if (context.Is(names.Content))
                        {
                            episode.ContentEncoded ??= context.ReadText();
                        }
                        else if (context.Is(names.Published) || context.Is(names.Issued))
                        {
                            episode.PubDate ??= context.ReadText();
                        }
                        else if (context.Is(names.Updated) || context.Is(names.Modified))
                        {
                            updated ??= context.ReadText();
                        }
                        else if (context.Is(names.Link))
                        {
                            if (string.Equals(context.Attribute("rel"), "enclosure", StringComparison.OrdinalIgnoreCase))
                            {
                                episode.OfferEnclosure(context.Attribute("href"), context.Reader.GetAttribute("type"), context.Reader.GetAttribute("length"));
                            }

                            context.Skip();
                        }
                        else
                        {
                            context.Skip();
                        }

                        break;
                    case FeedNamespace.Itunes:
                        ItunesElements.ReadItem(context, episode);
                        break;
                    case FeedNamespace.Podcast:
                        PodcastElements.ReadItem(context, episode);
                        break;
                    default:
                        context.Skip();
                        break;
                }
            }
        }

        episode.PubDate ??= updated;
    }

    /// <summary>RFC 4287 §4.2.7.2: a link without rel is "alternate".</summary>
    private static bool IsAlternate(string? rel) => rel is null || rel.Equals("alternate", StringComparison.OrdinalIgnoreCase);

    private static string? ReadPersonName(FeedReadContext context)
    {
        string? name = null;
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (context.Namespace == FeedNamespace.Atom && context.Is(context.Names.Name))
                {
                    name ??= context.ReadText();
                }
                else
                {
                    context.Skip();
                }
            }
        }

        return name;
    }
}
