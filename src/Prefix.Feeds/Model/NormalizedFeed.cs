namespace Prefix.Feeds.Model;

/// <summary>
/// A feed as FEEDS.md ("Normalized JSON") fixes it: what <c>/v1/parse</c>, <c>/v1/feeds/{id}</c> and
/// <c>/v1/feeds/{id}/episodes</c> return. Absent values are null or empty lists, never invented.
/// </summary>
public sealed record NormalizedFeed
{
    /// <summary>The feed (registration) id: UUIDv5 of the feed URL in the podcast:guid namespace; null when parsed without a URL.</summary>
    public Guid? Id { get; init; }

    /// <summary>The show id (ARCHITECTURE.md "Identities"): <see cref="PodcastGuid"/> when valid, else the URL-derived id; null when neither is known.</summary>
    public Guid? ShowId { get; init; }

    public string? Url { get; init; }
    public string? PodcastGuid { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Link { get; init; }
    public string? Language { get; init; }
    public string? Author { get; init; }
    public string? OwnerName { get; init; }
    public string? OwnerEmail { get; init; }
    public string? ImageUrl { get; init; }

    /// <summary>iTunes categories, "Parent" or "Parent > Child", in document order, without duplicates.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool? Explicit { get; init; }

    /// <summary>episodic or serial (itunes:type); null when absent or unknown.</summary>
    public string? Type { get; init; }

    /// <summary>podcast:medium (podcast, music, video, audiobook, …); null when absent.</summary>
    public string? Medium { get; init; }

    /// <summary>podcast:locked = yes.</summary>
    public bool Locked { get; init; }

    /// <summary>itunes:new-feed-url when it is an absolute http(s) URL.</summary>
    public string? NewFeedUrl { get; init; }

    /// <summary>itunes:complete = yes.</summary>
    public bool Complete { get; init; }

    public IReadOnlyList<FeedFunding> Funding { get; init; } = [];
    public IReadOnlyList<FeedPerson> Persons { get; init; } = [];
    public FeedValue? Value { get; init; }

    /// <summary>podcast:updateFrequency (a hint for the scheduler, not a promise).</summary>
    public FeedUpdateFrequency? UpdateFrequency { get; init; }

    /// <summary>RSS &lt;ttl&gt; in minutes; a lower bound on the next poll (FEEDS.md "Scheduling").</summary>
    public int? TtlMinutes { get; init; }

    /// <summary>True when the document needed repair (encoding, entities, control characters) to parse.</summary>
    public bool Bozo { get; init; }

    /// <summary>Human-readable notes about what was repaired, dropped or unparseable (e.g. "item 3: bad pubDate 'Foo'").</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<NormalizedEpisode> Episodes { get; init; } = [];
}
