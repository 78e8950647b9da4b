namespace Prefix.Feeds.Parsing;

/// <summary>The iTunes namespace (Apple Podcasts RSS feed requirements) at channel and item level.</summary>
internal static class ItunesElements
{
    /// <summary>Reads (and consumes) one channel-level itunes:* element.</summary>
    public static void ReadChannel(FeedReadContext context, FeedDraft feed)
    {
        var names = context.Names;
        if (context.Is(names.Author))
        {
            feed.ItunesAuthor ??= context.ReadText();
        }
        else if (context.Is(names.Owner))
        {
            ReadOwner(context, feed);
        }
        else if (context.Is(names.Image))
        {
            feed.ItunesImage ??= context.Attribute("href");
            context.Skip();
        }
        else if (context.Is(names.Category))
        {
            ReadCategory(context, feed);
        }
        else if (context.Is(names.Explicit))
        {
            feed.Explicit ??= FieldValues.Explicit(context.ReadText());
        }
        else if (context.Is(names.Type))
        {
            feed.Type ??= FieldValues.OneOf(context.ReadText(), ["episodic", "serial"]);
        }
        else if (context.Is(names.NewFeedUrl))
        {
            ReadNewFeedUrl(context, feed);
        }
        else if (context.Is(names.Complete))
        {
            feed.Complete |= FieldValues.IsYes(context.ReadText());
        }
        else if (context.Is(names.Summary))
        {
            feed.ItunesSummary ??= context.ReadText();
        }
        else if (context.Is(names.Title))
        {
            feed.ItunesTitle ??= context.ReadText();
        }
        else
        {
            context.Skip();
        }
    }

    /// <summary>Reads (and consumes) one item-level itunes:* element.</summary>
    public static void ReadItem(FeedReadContext context, EpisodeDraft episode)
    {
        var names = context.Names;
        if (context.Is(names.Duration))
        {
            episode.Duration ??= context.ReadText();
        }
        else if (context.Is(names.Explicit))
        {
            episode.Explicit ??= context.ReadText();
        }
        else if (context.Is(names.Episode))
        {
            episode.Episode ??= context.ReadText();
        }
        else if (context.Is(names.Season))
        {
            episode.Season ??= context.ReadText();
        }
        else if (context.Is(names.EpisodeType))
        {
            episode.EpisodeType ??= context.ReadText();
        }
        else if (context.Is(names.Image))
        {
            episode.Image ??= context.Attribute("href");
            context.Skip();
        }
        else if (context.Is(names.Title))
        {
            episode.ItunesTitle ??= context.ReadText();
        }
        else if (context.Is(names.Summary))
        {
            episode.ItunesSummary ??= context.ReadText();
        }
        else
        {
            context.Skip();
        }
    }

    private static void ReadOwner(FeedReadContext context, FeedDraft feed)
    {
        var depth = context.Reader.Depth;
        if (!context.Enter())
        {
            return;
        }

        while (context.NextChild(depth))
        {
            if (context.Namespace == FeedNamespace.Itunes && context.Is(context.Names.Name))
            {
                feed.OwnerName ??= context.ReadText();
            }
            else if (context.Namespace == FeedNamespace.Itunes && context.Is(context.Names.Email))
            {
                feed.OwnerEmail ??= context.ReadText();
            }
            else
            {
                context.Skip();
            }
        }
    }

    /// <summary>Nested categories become "Parent &gt; Child"; a parent without children stands alone.</summary>
    private static void ReadCategory(FeedReadContext context, FeedDraft feed)
    {
        var parent = context.Attribute("text");
        var depth = context.Reader.Depth;
        var hasChild = false;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (context.Namespace == FeedNamespace.Itunes && context.Is(context.Names.Category) && context.Attribute("text") is { } child)
                {
                    hasChild = true;
                    feed.AddCategory(parent is null ? child : $"{parent} > {child}");
                }

                context.Skip();
            }
        }

        if (!hasChild && parent is not null)
        {
            feed.AddCategory(parent);
        }
    }

    private static void ReadNewFeedUrl(FeedReadContext context, FeedDraft feed)
    {
        var text = context.ReadText();
        if (text is null || feed.NewFeedUrl is not null)
        {
            return;
        }

        // Only an absolute http(s) URL can move a feed (FEEDS.md "Fetching"): anything else is ignored rather than
        // followed, so a typo cannot send the updater to a relative path or another scheme.
        if (FieldValues.HttpUrl(text) is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            feed.NewFeedUrl = url;
        }
        else
        {
            context.Warnings.Add($"itunes:new-feed-url '{text}' is not an absolute http(s) URL; ignored.");
        }
    }
}
