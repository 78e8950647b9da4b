using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// The Podcasting 2.0 namespace (podcastindex.org/namespace/1.0, docs/tags/*.md). Values are kept as written:
/// absent attributes stay null rather than taking the spec's defaults (person role "host", group "cast"),
/// so consumers can tell "said host" from "said nothing".
/// </summary>
internal static class PodcastElements
{
    /// <summary>Reads (and consumes) one channel-level podcast:* element; liveItem is handed to <paramref name="readLiveItem"/>.</summary>
    public static void ReadChannel(FeedReadContext context, FeedDraft feed, Action<FeedReadContext, FeedDraft> readLiveItem)
    {
        var names = context.Names;
        if (context.Is(names.Guid))
        {
            feed.PodcastGuid ??= context.ReadText();
        }
        else if (context.Is(names.Locked))
        {
            feed.Locked |= FieldValues.IsYes(context.ReadText());
        }
        else if (context.Is(names.Person))
        {
            if (ReadPerson(context) is { } person)
            {
                (feed.Persons ??= []).Add(person);
            }
        }
        else if (context.Is(names.Medium))
        {
            feed.Medium ??= FieldValues.Lower(context.ReadText());
        }
        else if (context.Is(names.Funding))
        {
            var url = FieldValues.HttpUrl(context.Attribute("url"));
            var text = context.ReadText();
            if (url is not null)
            {
                (feed.Funding ??= []).Add(new FeedFunding(url, text));
            }
            else
            {
                context.Warnings.Add("podcast:funding without an http(s) url ignored.");
            }
        }
        else if (context.Is(names.Value))
        {
            var value = ReadValue(context);
            feed.Value ??= value;
        }
        else if (context.Is(names.UpdateFrequency))
        {
            var rrule = context.Attribute("rrule");
            var complete = FieldValues.IsYes(context.Attribute("complete"));
            var text = context.ReadText();
            feed.UpdateFrequency ??= new FeedUpdateFrequency(text, rrule, complete);
        }
        else if (context.Is(names.LiveItem))
        {
            readLiveItem(context, feed);
        }
        else
        {
            context.Skip();
        }
    }

    /// <summary>Reads (and consumes) one item-level podcast:* element.</summary>
    public static void ReadItem(FeedReadContext context, EpisodeDraft episode)
    {
        var names = context.Names;
        if (context.Is(names.Transcript))
        {
            var url = context.Attribute("url");
            if (url is not null)
            {
                (episode.Transcripts ??= []).Add(new EpisodeTranscript(url, FieldValues.Lower(context.Attribute("type")), context.Attribute("language"), context.Attribute("rel")));
            }

            context.Skip();
        }
        else if (context.Is(names.Chapters))
        {
            var url = context.Attribute("url");
            if (url is not null)
            {
                episode.Chapters ??= new EpisodeChapters(url, FieldValues.Lower(context.Attribute("type")));
            }

            context.Skip();
        }
        else if (context.Is(names.Person))
        {
            if (ReadPerson(context) is { } person)
            {
                (episode.Persons ??= []).Add(person);
            }
        }
        else if (context.Is(names.AlternateEnclosure))
        {
            if (ReadAlternateEnclosure(context) is { } alternate)
            {
                (episode.AlternateEnclosures ??= []).Add(alternate);
            }
        }
        else
        {
            context.Skip();
        }
    }

    private static FeedPerson? ReadPerson(FeedReadContext context)
    {
        var role = FieldValues.Lower(context.Attribute("role"));
        var group = FieldValues.Lower(context.Attribute("group"));
        var img = context.Attribute("img");
        var href = context.Attribute("href");
        var name = context.ReadText();
        return name is null ? null : new FeedPerson(name, role, group, img, href);
    }

    private static FeedValue? ReadValue(FeedReadContext context)
    {
        var type = FieldValues.Lower(context.Attribute("type"));
        var method = FieldValues.Lower(context.Attribute("method"));
        var suggested = context.Attribute("suggested");
        var recipients = new List<FeedValueRecipient>();
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (context.Namespace == FeedNamespace.Podcast && context.Is(context.Names.ValueRecipient))
                {
                    var recipientType = FieldValues.Lower(context.Attribute("type"));
                    var address = context.Attribute("address");
                    if (recipientType is null || address is null)
                    {
                        context.Warnings.Add("podcast:valueRecipient without a type or address ignored.");
                    }
                    else
                    {
                        recipients.Add(new FeedValueRecipient(
                            context.Attribute("name"), recipientType, address, FieldValues.Double(context.Attribute("split")), FieldValues.IsYes(context.Attribute("fee"))));
                    }
                }

                context.Skip();
            }
        }

        if (type is null || method is null)
        {
            context.Warnings.Add("podcast:value without a type or method ignored.");
            return null;
        }

        return new FeedValue(type, method, suggested, recipients);
    }

    private static AlternateEnclosure? ReadAlternateEnclosure(FeedReadContext context)
    {
        var type = FieldValues.Lower(context.Attribute("type"));
        var length = FieldValues.Long(context.Attribute("length"));
        var bitrate = FieldValues.PositiveInt(context.Attribute("bitrate"));
        var title = context.Attribute("title");
        string? uri = null;
        var depth = context.Reader.Depth;
        if (context.Enter())
        {
            while (context.NextChild(depth))
            {
                if (uri is null && context.Namespace == FeedNamespace.Podcast && context.Is(context.Names.Source))
                {
                    uri = context.Attribute("uri");
                }

                context.Skip();
            }
        }

        return type is null ? null : new AlternateEnclosure(type, length, bitrate, title, uri);
    }
}
