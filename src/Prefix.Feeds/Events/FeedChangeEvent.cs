using System.Text.Json.Serialization;

namespace Prefix.Feeds.Events;

/// <summary>
/// The thin change event of FEEDS.md ("Notifications"): what happened to which feed, in per-feed
/// <see cref="Sequence"/> order. Subscribers pull details through the API.
/// </summary>
public sealed record FeedChangeEvent
{
    public const string CurrentSpecVersion = "1.0";

    public string SpecVersion { get; init; } = CurrentSpecVersion;
    public required Guid EventId { get; init; }

    /// <summary>One of <see cref="FeedEventTypes"/>.</summary>
    public required string EventType { get; init; }

    public required Guid FeedId { get; init; }
    public string? PodcastGuid { get; init; }

    /// <summary>Per feed, starts at 1, +1 for every event of that feed; consumers order and dedupe by it.</summary>
    public required long Sequence { get; init; }

    /// <summary>Hex of the normalized projection hash of the snapshot this event describes; null when none was parsed yet.</summary>
    public string? FeedVersion { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
    public required EventSource Source { get; init; }
    public required string Url { get; init; }
    public string? PreviousUrl { get; init; }
    public IReadOnlyList<string> ChangedFields { get; init; } = [];
    public EpisodeChangeSet? Episodes { get; init; }

    /// <summary>The feed's status after the change (active, erroring, dead, gone, deregistered) for status events.</summary>
    public string? Status { get; init; }

    public EventHashes? Hashes { get; init; }
}

/// <summary>What caused the event: poll, hint, register or manual.</summary>
public sealed record EventSource(string Trigger);

/// <summary>Episode changes; each list holds at most <see cref="MaxEntries"/> entries, <see cref="Truncated"/> says more existed.</summary>
public sealed record EpisodeChangeSet(
    IReadOnlyList<EpisodeRef> Added,
    IReadOnlyList<EpisodeRef> Updated,
    IReadOnlyList<EpisodeRef> Removed,
    bool Truncated)
{
    public const int MaxEntries = 100;
}

/// <summary>One episode in an event.</summary>
public sealed record EpisodeRef(Guid EpisodeId, [property: JsonPropertyName("guid")] string? ItemGuid, string? EnclosureUrl, DateTimeOffset? PublishedAt);

/// <summary>The body and normalized-projection hashes (hex) behind the event.</summary>
public sealed record EventHashes(string? Body, string? Projection);
