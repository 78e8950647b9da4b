using Prefix.Core.Episodes;
using Prefix.Core.Identities;
using Prefix.Feeds.Model;

namespace Prefix.Feeds.Changes;

/// <summary>
/// What of a <see cref="NormalizedFeed"/> counts as content: the feed-level metadata fields (by their FEEDS.md JSON
/// names), each item's identity and each item's subscriber-visible fields. Everything else (ids derived from the URL,
/// <c>url</c>, <c>ttl</c>, <c>bozo</c>, <c>warnings</c>, <c>guid</c>, <c>publishedAtRaw</c>) is deliberately left out.
/// </summary>
internal static class FeedProjection
{
    /// <summary>The metadata fields compared one by one, in the order their hashes are stored. Append only (with a format version bump).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "title", "description", "imageUrl", "categories", "explicit", "podcastGuid", "newFeedUrl", "locked", "funding", "persons",
        "value", "updateFrequency", "type", "medium", "complete", "author", "ownerName", "ownerEmail", "link", "language",
    ];

    public static int FieldCount => FieldNames.Count;

    // Enclosure URLs are compared as the episode key counting uses (scheme, tracking prefixes and tracking query
    // parameters stripped), so a guid rewrite that also moves the enclosures behind a new analytics prefix is still seen.
    private static readonly EpisodeKeyNormalizer EnclosureKeys = new();

    /// <summary>Writes the 64-bit hash of every metadata field into <paramref name="destination"/> (length <see cref="FieldCount"/>).</summary>
    public static void HashFields(NormalizedFeed feed, CanonicalHasher hasher, Span<ulong> destination)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            hasher.Reset();
            hasher.Tag((byte)i);
            AddField(feed, i, hasher);
            destination[i] = hasher.Hash64();
        }
    }

    /// <summary>The hash of the item fields that matter to subscribers (the brief's list; not guid, not publishedAtRaw).</summary>
    public static ulong HashEpisode(NormalizedEpisode episode, CanonicalHasher hasher)
    {
        hasher.Reset();
        hasher.Add(episode.Title);
        hasher.Add(episode.Description);
        hasher.Add(episode.PublishedAt);
        hasher.Add(episode.EnclosureUrl);
        hasher.Add(episode.EnclosureType);
        hasher.Add(episode.EnclosureLength);
        hasher.Add(episode.DurationSec);
        hasher.Add(episode.Explicit);
        hasher.Add(episode.Episode);
        hasher.Add(episode.Season);
        hasher.Add(episode.EpisodeType);
        hasher.Add(episode.ImageUrl);
        hasher.AddCount(episode.Transcripts.Count);
        foreach (var transcript in episode.Transcripts)
        {
            hasher.Add(transcript.Url);
            hasher.Add(transcript.Type);
            hasher.Add(transcript.Language);
            hasher.Add(transcript.Rel);
        }

        hasher.Add(episode.Chapters is not null);
        if (episode.Chapters is { } chapters)
        {
            hasher.Add(chapters.Url);
            hasher.Add(chapters.Type);
        }

        AddPersons(episode.Persons, hasher);
        hasher.AddCount(episode.AlternateEnclosures.Count);
        foreach (var alternate in episode.AlternateEnclosures)
        {
            hasher.Add(alternate.Type);
            hasher.Add(alternate.Length);
            hasher.Add(alternate.Bitrate);
            hasher.Add(alternate.Title);
            hasher.Add(alternate.Url);
        }

        return hasher.Hash64();
    }

    /// <summary>
    /// The item's identity: its episode id; without one (a feed parsed without a URL or podcast:guid), UUIDv5 in the
    /// nil namespace of the guid, else of the enclosure URL (the same precedence as ARCHITECTURE.md "Identities"),
    /// else of title and raw date, so the key is stable as long as the item is.
    /// </summary>
    public static Guid Key(NormalizedEpisode episode)
    {
        if (episode.Id is { } id)
        {
            return id;
        }

        var name = !string.IsNullOrWhiteSpace(episode.ItemGuid) ? "guid:" + episode.ItemGuid.Trim()
            : !string.IsNullOrEmpty(episode.EnclosureUrl) ? "enclosure:" + episode.EnclosureUrl
            : "item:" + episode.Title + "\n" + episode.PublishedAtRaw;
        return Uuid5.Create(Guid.Empty, name);
    }

    /// <summary>4 bytes of the enclosure's episode key; 0 means "no enclosure" (a real 0 is moved to 1).</summary>
    public static uint EnclosureHash(NormalizedEpisode episode, CanonicalHasher hasher)
    {
        if (string.IsNullOrEmpty(episode.EnclosureUrl))
        {
            return 0;
        }

        var key = EnclosureKeys.Normalize(episode.EnclosureUrl);
        if (key.Length == 0)
        {
            return 0;
        }

        hasher.Reset();
        hasher.Add(key);
        var hash = CanonicalHasher.Fold32(hasher.Hash64());
        return hash == 0 ? 1 : hash;
    }

    /// <summary>Unix minutes (clamped to 1..uint.MaxValue); 0 means "no date".</summary>
    public static uint PublishedMinutes(DateTimeOffset? publishedAt)
    {
        if (publishedAt is not { } date)
        {
            return 0;
        }

        var minutes = date.ToUnixTimeSeconds() / 60;
        return (uint)Math.Clamp(minutes, 1, uint.MaxValue);
    }

    private static void AddField(NormalizedFeed feed, int index, CanonicalHasher hasher)
    {
        switch (index)
        {
            case 0: hasher.Add(feed.Title); break;
            case 1: hasher.Add(feed.Description); break;
            case 2: hasher.Add(feed.ImageUrl); break;
            case 3:
                // Order is kept: the first iTunes category is the primary one.
                hasher.AddCount(feed.Categories.Count);
                foreach (var category in feed.Categories)
                {
                    hasher.Add(category);
                }

                break;
            case 4: hasher.Add(feed.Explicit); break;
            case 5: hasher.Add(feed.PodcastGuid); break;
            case 6: hasher.Add(feed.NewFeedUrl); break;
            case 7: hasher.Add(feed.Locked); break;
            case 8:
                hasher.AddCount(feed.Funding.Count);
                foreach (var funding in feed.Funding)
                {
                    hasher.Add(funding.Url);
                    hasher.Add(funding.Text);
                }

                break;
            case 9: AddPersons(feed.Persons, hasher); break;
            case 10: AddValue(feed.Value, hasher); break;
            case 11:
                hasher.Add(feed.UpdateFrequency is not null);
                if (feed.UpdateFrequency is { } frequency)
                {
                    hasher.Add(frequency.Text);
                    hasher.Add(frequency.Rrule);
                    hasher.Add(frequency.Complete);
                }

                break;
            case 12: hasher.Add(feed.Type); break;
            case 13: hasher.Add(feed.Medium); break;
            case 14: hasher.Add(feed.Complete); break;
            case 15: hasher.Add(feed.Author); break;
            case 16: hasher.Add(feed.OwnerName); break;
            case 17: hasher.Add(feed.OwnerEmail); break;
            case 18: hasher.Add(feed.Link); break;
            case 19: hasher.Add(feed.Language); break;
            default: throw new ArgumentOutOfRangeException(nameof(index), index, "No such metadata field.");
        }
    }

    private static void AddPersons(IReadOnlyList<FeedPerson> persons, CanonicalHasher hasher)
    {
        hasher.AddCount(persons.Count);
        foreach (var person in persons)
        {
            hasher.Add(person.Name);
            hasher.Add(person.Role);
            hasher.Add(person.Group);
            hasher.Add(person.Img);
            hasher.Add(person.Href);
        }
    }

    private static void AddValue(FeedValue? value, CanonicalHasher hasher)
    {
        hasher.Add(value is not null);
        if (value is null)
        {
            return;
        }

        hasher.Add(value.Type);
        hasher.Add(value.Method);
        hasher.Add(value.Suggested);
        hasher.AddCount(value.Recipients.Count);
        foreach (var recipient in value.Recipients)
        {
            hasher.Add(recipient.Name);
            hasher.Add(recipient.Type);
            hasher.Add(recipient.Address);
            hasher.Add(recipient.Split);
            hasher.Add(recipient.Fee);
        }
    }
}
