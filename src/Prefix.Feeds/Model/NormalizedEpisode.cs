using System.Text.Json.Serialization;

namespace Prefix.Feeds.Model;

/// <summary>One item of a feed, normalized as FEEDS.md ("Normalized JSON") fixes it.</summary>
public sealed record NormalizedEpisode
{
    /// <summary>UUIDv5(show id, guid or enclosure URL) (ARCHITECTURE.md "Identities"); null when the show id is unknown.</summary>
    public Guid? Id { get; init; }

    /// <summary>The item's guid as written (JSON name "guid").</summary>
    [JsonPropertyName("guid")]
    public string? ItemGuid { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>UTC; null when missing or unparseable (then <see cref="PublishedAtRaw"/> keeps the text).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public string? PublishedAtRaw { get; init; }

    /// <summary>The first media enclosure's URL, entities decoded, http(s) only.</summary>
    public string? EnclosureUrl { get; init; }

    /// <summary>The enclosure MIME type, guessed from the file extension when missing.</summary>
    public string? EnclosureType { get; init; }

    /// <summary>Bytes; null when missing or too small to be real (tiny placeholder values like 0 or 1).</summary>
    public long? EnclosureLength { get; init; }

    public double? DurationSec { get; init; }
    public bool? Explicit { get; init; }
    public int? Episode { get; init; }
    public int? Season { get; init; }

    /// <summary>full, trailer or bonus; null when absent or unknown.</summary>
    public string? EpisodeType { get; init; }

    public string? ImageUrl { get; init; }
    public IReadOnlyList<EpisodeTranscript> Transcripts { get; init; } = [];
    public EpisodeChapters? Chapters { get; init; }
    public IReadOnlyList<FeedPerson> Persons { get; init; } = [];
    public IReadOnlyList<AlternateEnclosure> AlternateEnclosures { get; init; } = [];
}
