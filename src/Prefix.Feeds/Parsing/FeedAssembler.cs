using Prefix.Core.Identities;
using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Drafts → the normalized model: field precedence, value parsing with warnings, and identities
/// (ARCHITECTURE.md "Identities").
/// </summary>
internal static class FeedAssembler
{
    public static NormalizedFeed Assemble(FeedDraft draft, FeedParseOptions options, FeedWarnings warnings)
    {
        var feedUrl = FieldValues.Clean(options.FeedUrl);
        var podcastGuid = draft.PodcastGuid;
        var guidIsValid = Guid.TryParse(podcastGuid, out var declared) && declared != Guid.Empty;
        if (podcastGuid is not null && !guidIsValid)
        {
            warnings.Add($"podcast:guid '{podcastGuid}' is not a UUID; the show id comes from the feed URL.");
        }

        Guid? showId = feedUrl is not null ? PodcastIdentity.ShowId(feedUrl, podcastGuid) : guidIsValid ? declared : null;
        var episodes = AssembleEpisodes(draft.Episodes, showId, warnings);
        return new NormalizedFeed
        {
            Id = feedUrl is not null ? PodcastIdentity.ShowId(feedUrl) : null,
            ShowId = showId,
            Url = feedUrl,
            PodcastGuid = podcastGuid,
            Title = draft.Title ?? draft.ItunesTitle,

            // The RSS description first: Apple deprecated itunes:summary in favour of it (2019), and it is the
            // element every reader shows.
            Description = draft.Description ?? draft.ItunesSummary,
            Link = draft.Link,
            Language = draft.Language,
            Author = draft.ItunesAuthor ?? draft.ManagingEditor ?? draft.AtomAuthor,
            OwnerName = draft.OwnerName,
            OwnerEmail = draft.OwnerEmail,
            ImageUrl = draft.ItunesImage ?? draft.RssImage,
            Categories = draft.Categories.Count == 0 ? [] : draft.Categories.ToArray(),
            Explicit = draft.Explicit,
            Type = draft.Type,
            Medium = draft.Medium,
            Locked = draft.Locked,
            NewFeedUrl = draft.NewFeedUrl,
            Complete = draft.Complete,
            Funding = draft.Funding?.ToArray() ?? [],
            Persons = draft.Persons?.ToArray() ?? [],
            Value = draft.Value,
            UpdateFrequency = draft.UpdateFrequency,
            TtlMinutes = draft.TtlMinutes,
            Bozo = warnings.Bozo,
            Warnings = warnings.ToList(),
            Episodes = episodes,
        };
    }

    /// <summary>
    /// Episodes in document order. An item is identified by its guid, else its enclosure URL; items with neither
    /// are dropped. A repeated guid keeps both items: the later one is identified by its enclosure URL instead
    /// (so its id differs), and is dropped only when that collides too: two items with one id would make
    /// downloads of one count for the other.
    /// </summary>
    private static NormalizedEpisode[] AssembleEpisodes(List<EpisodeDraft> drafts, Guid? showId, FeedWarnings warnings)
    {
        if (drafts.Count == 0)
        {
            return [];
        }

        var result = new List<NormalizedEpisode>(drafts.Count);
        var names = new HashSet<string>(drafts.Count, StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (draft.EnclosureUrl is null && draft.RefusedEnclosureUrl is not null)
            {
                warnings.Add($"item {draft.Position}: enclosure URL '{draft.RefusedEnclosureUrl}' is not an http(s) URL; ignored.");
            }

            // podcast:liveItem: only a live item with something to play is an episode; a pending one without a
            // stream is an announcement, not a download target, and is skipped quietly.
            if (draft.IsLive && draft.EnclosureUrl is null)
            {
                continue;
            }

            var guid = draft.Guid;
            var enclosure = draft.EnclosureUrl;
            var idFromEnclosure = false;
            if (guid is null && enclosure is null)
            {
                warnings.Add($"item {draft.Position}: dropped: it has neither a guid nor an http(s) enclosure.");
                continue;
            }

            if (!names.Add(guid ?? enclosure!))
            {
                if (guid is null)
                {
                    warnings.Add($"item {draft.Position}: dropped: it has no guid and its enclosure URL repeats an earlier item's.");
                    continue;
                }

                if (enclosure is null || !names.Add(enclosure))
                {
                    warnings.Add($"item {draft.Position}: dropped: guid '{guid}' repeats an earlier item's and its enclosure URL cannot tell them apart.");
                    continue;
                }

                idFromEnclosure = true;
                warnings.Add($"item {draft.Position}: guid '{guid}' repeats an earlier item's; its id comes from its enclosure URL.");
            }

            result.Add(AssembleEpisode(draft, showId, idFromEnclosure, warnings));
        }

        return result.ToArray();
    }

    private static NormalizedEpisode AssembleEpisode(EpisodeDraft draft, Guid? showId, bool idFromEnclosure, FeedWarnings warnings)
    {
        var rawDate = draft.PubDate ?? draft.DcDate;
        DateTimeOffset? published = null;
        if (rawDate is not null)
        {
            published = FeedDateParser.Parse(rawDate);
            if (published is null)
            {
                warnings.Add($"item {draft.Position}: bad pubDate '{rawDate}'.");
            }
        }

        double? duration = null;
        if (draft.Duration is not null)
        {
            duration = DurationParser.Parse(draft.Duration);
            if (duration is null)
            {
                warnings.Add($"item {draft.Position}: bad itunes:duration '{draft.Duration}'.");
            }
        }

        Guid? id = showId is not { } show ? null
            : idFromEnclosure ? PodcastIdentity.EpisodeId(show, null, draft.EnclosureUrl!)
            : PodcastIdentity.EpisodeId(show, draft.Guid, draft.EnclosureUrl ?? string.Empty);
        return new NormalizedEpisode
        {
            Id = id,
            ItemGuid = draft.Guid,
            Title = draft.Title ?? draft.ItunesTitle,

            // description, then itunes:summary, then content:encoded (or Atom content): the same order as the
            // channel, with the full HTML body only when nothing shorter exists.
            Description = draft.Description ?? draft.ItunesSummary ?? draft.ContentEncoded,
            PublishedAt = published,
            PublishedAtRaw = rawDate,
            EnclosureUrl = draft.EnclosureUrl,
            EnclosureType = draft.EnclosureType,
            EnclosureLength = draft.EnclosureLength,
            DurationSec = duration,
            Explicit = FieldValues.Explicit(draft.Explicit),
            Episode = FieldValues.Number(draft.Episode),
            Season = FieldValues.Number(draft.Season),
            EpisodeType = FieldValues.OneOf(draft.EpisodeType, ["full", "trailer", "bonus"]),
            ImageUrl = draft.Image,
            Transcripts = draft.Transcripts?.ToArray() ?? [],
            Chapters = draft.Chapters,
            Persons = draft.Persons?.ToArray() ?? [],
            AlternateEnclosures = draft.AlternateEnclosures?.ToArray() ?? [],
        };
    }
}
