using Prefix.Core.Episodes;
using Prefix.Feeds.Model;

namespace Feed.Updater.Storage;

/// <summary>Rows for the tables of deploy/clickhouse/migrations/0002_feeds.sql, built by one poll or probe.</summary>
internal sealed class FeedHistoryRows
{
    public const string EpisodesTable = "episodes";
    public const string VersionsTable = "feed_versions";
    public const string ProbesTable = "enclosure_probes";

    public static readonly string[] EpisodeColumns =
    [
        "show_id", "episode_id", "feed_id", "guid", "title", "enclosure_url", "episode_key", "enclosure_type",
        "enclosure_length", "duration_sec", "published_at", "season", "episode_number", "episode_type", "removed",
        "version", "updated_at",
    ];

    public static readonly string[] VersionColumns =
    [
        "feed_id", "show_id", "sequence", "fetched_at", "url", "http_status", "body_hash", "projection_hash",
        "episode_count", "metadata_json",
    ];

    public static readonly string[] ProbeColumns =
    [
        "episode_key", "enclosure_url", "id3_size", "content_length", "http_status", "error", "probed_at", "version",
    ];

    public List<object?[]> Episodes { get; } = [];
    public List<object?[]> Versions { get; } = [];
    public List<object?[]> Probes { get; } = [];

    public int Count => Episodes.Count + Versions.Count + Probes.Count;
    public bool IsEmpty => Count == 0;

    public void AddEpisode(Guid showId, Guid feedId, NormalizedEpisode episode, bool removed, DateTimeOffset now, EpisodeKeyNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(normalizer);
        if (episode.Id is not { } episodeId)
        {
            return;
        }

        var url = episode.EnclosureUrl ?? string.Empty;
        Episodes.Add(
        [
            showId, episodeId, feedId, episode.ItemGuid ?? string.Empty, episode.Title ?? string.Empty, url,
            url.Length == 0 ? string.Empty : normalizer.Normalize(url), episode.EnclosureType ?? string.Empty,
            episode.EnclosureLength ?? -1L, episode.DurationSec ?? -1d, episode.PublishedAt ?? DateTimeOffset.UnixEpoch,
            episode.Season ?? -1, episode.Episode ?? -1, episode.EpisodeType ?? string.Empty, removed ? (byte)1 : (byte)0,
            (ulong)now.ToUnixTimeMilliseconds(), now,
        ]);
    }

    public void AddVersion(Guid feedId, Guid showId, long sequence, DateTimeOffset fetchedAt, string url, int httpStatus,
        string bodyHash, string projectionHash, int episodeCount, string metadataJson) =>
        Versions.Add([feedId, showId, (ulong)sequence, fetchedAt, url, (ushort)httpStatus, bodyHash, projectionHash, (uint)episodeCount, metadataJson]);

    public void AddProbe(string episodeKey, string enclosureUrl, long id3Size, long contentLength, int httpStatus, string error, DateTimeOffset now) =>
        Probes.Add([episodeKey, enclosureUrl, id3Size, contentLength, (ushort)httpStatus, error, now, (ulong)now.ToUnixTimeMilliseconds()]);
}
