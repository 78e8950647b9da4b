using System.Globalization;
using System.Text;
using Prefix.ClickHouse;
using Prefix.Feeds.Model;

namespace Feed.Updater.Storage;

/// <summary>Reads episodes and feed versions back from ClickHouse (the API, and removals, which need what the fingerprint does not keep).</summary>
internal sealed class EpisodeStore(ClickHouseClient clickHouse)
{
    private const string EpisodeColumns =
        "episode_id, guid, title, enclosure_url, enclosure_type, enclosure_length, duration_sec, published_at, season, episode_number, episode_type";

    /// <summary>The latest row of each of the given episodes of a show.</summary>
    public async Task<IReadOnlyList<NormalizedEpisode>> GetAsync(Guid showId, IReadOnlyCollection<Guid> episodeIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episodeIds);
        if (episodeIds.Count == 0)
        {
            return [];
        }

        var ids = string.Join(", ", episodeIds.Select(ClickHouseSql.Literal));
        var sql = $"SELECT {EpisodeColumns} FROM episodes FINAL WHERE show_id = {ClickHouseSql.Literal(showId)} AND episode_id IN ({ids})";
        return await ReadAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A feed's current (not removed) episodes published at or after <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<NormalizedEpisode>> ListAsync(Guid feedId, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {EpisodeColumns} FROM episodes FINAL WHERE feed_id = {ClickHouseSql.Literal(feedId)} AND removed = 0");
        if (since is { } from)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND published_at >= {ClickHouseSql.Literal(from.UtcDateTime)}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY published_at DESC, episode_id LIMIT {ClickHouseSql.Literal(limit)}");
        return await ReadAsync(sql.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The metadata JSON of the feed's newest stored version, or null.</summary>
    public Task<string?> GetLatestMetadataJsonAsync(Guid feedId, CancellationToken cancellationToken) =>
        clickHouse.ExecuteScalarAsync<string>(
            $"SELECT metadata_json FROM feed_versions WHERE feed_id = {ClickHouseSql.Literal(feedId)} ORDER BY sequence DESC, fetched_at DESC LIMIT 1",
            cancellationToken: cancellationToken);

    private async Task<IReadOnlyList<NormalizedEpisode>> ReadAsync(string sql, CancellationToken cancellationToken)
    {
        var episodes = new List<NormalizedEpisode>();
        await foreach (var row in clickHouse.QueryRowsAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var length = row.GetInt64(5);
            var duration = row.GetDouble(6);
            var published = row.GetDateTime(7);
            var season = row.GetInt32(8);
            var number = row.GetInt32(9);
            episodes.Add(new NormalizedEpisode
            {
                Id = row.GetUuid(0),
                ItemGuid = Empty(row.GetString(1)),
                Title = Empty(row.GetString(2)),
                EnclosureUrl = Empty(row.GetString(3)),
                EnclosureType = Empty(row.GetString(4)),
                EnclosureLength = length < 0 ? null : length,
                DurationSec = duration < 0 ? null : duration,
                PublishedAt = published <= DateTime.UnixEpoch ? null : new DateTimeOffset(DateTime.SpecifyKind(published, DateTimeKind.Utc)),
                Season = season < 0 ? null : season,
                Episode = number < 0 ? null : number,
                EpisodeType = Empty(row.GetString(10)),
            });
        }

        return episodes;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
