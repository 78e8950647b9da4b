using Feed.Updater.Storage;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;

namespace Feed.Updater.Polling;

/// <summary>
/// Builds the thin events of FEEDS.md ("Notifications") for one poll. Events are drafted with sequence 0 and
/// numbered at commit time (<see cref="Number"/>), when the feed's current sequence is known.
/// </summary>
internal sealed class FeedEventFactory(FeedState state, string trigger, DateTimeOffset now)
{
    private readonly List<FeedChangeEvent> _drafts = [];

    public int Count => _drafts.Count;

    /// <summary>The URL the events carry (the feed's URL after a move).</summary>
    public string Url { get; set; } = state.Url;

    public string? PodcastGuid { get; set; } = state.PodcastGuid;

    /// <summary>The hashes of the snapshot the events describe (set once the body was hashed and parsed).</summary>
    public EventHashes? Hashes { get; set; }

    public void Add(string eventType, IReadOnlyList<string>? changedFields = null, EpisodeChangeSet? episodes = null, string? status = null, string? previousUrl = null) =>
        _drafts.Add(new FeedChangeEvent
        {
            EventId = Guid.CreateVersion7(now),
            EventType = eventType,
            FeedId = state.Id,
            PodcastGuid = PodcastGuid,
            Sequence = 0,
            FeedVersion = Hashes?.Projection,
            OccurredAt = now,
            Source = new EventSource(trigger),
            Url = Url,
            PreviousUrl = previousUrl,
            ChangedFields = changedFields ?? [],
            Episodes = episodes,
            Status = status,
            Hashes = Hashes,
        });

    /// <summary>The drafts numbered after <paramref name="currentSequence"/>, in the order they were added.</summary>
    public IReadOnlyList<FeedChangeEvent> Number(long currentSequence) =>
        [.. _drafts.Select((draft, index) => draft with { Sequence = currentSequence + index + 1, Url = Url, PodcastGuid = PodcastGuid, Hashes = Hashes, FeedVersion = Hashes?.Projection })];

    /// <summary>At most <see cref="EpisodeChangeSet.MaxEntries"/> per list; Truncated says when more existed.</summary>
    public static EpisodeChangeSet Episodes(IReadOnlyList<NormalizedEpisode> added, IReadOnlyList<NormalizedEpisode> updated, IReadOnlyList<NormalizedEpisode> removed)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(removed);
        var truncated = added.Count > EpisodeChangeSet.MaxEntries || updated.Count > EpisodeChangeSet.MaxEntries || removed.Count > EpisodeChangeSet.MaxEntries;
        return new EpisodeChangeSet(Refs(added), Refs(updated), Refs(removed), truncated);
    }

    private static EpisodeRef[] Refs(IReadOnlyList<NormalizedEpisode> episodes) =>
        [.. episodes.Where(static e => e.Id is not null).Take(EpisodeChangeSet.MaxEntries)
            .Select(static e => new EpisodeRef(e.Id!.Value, e.ItemGuid, e.EnclosureUrl, e.PublishedAt))];
}
