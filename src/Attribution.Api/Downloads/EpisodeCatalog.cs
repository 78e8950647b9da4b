using System.Text;
using Prefix.ClickHouse;
using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>
/// The updater's episode table seen from counting: a show's or an episode's episode keys, and per key the facts
/// behind the byte threshold (size and duration from the feed, ID3 size and real length from the enclosure probe).
/// </summary>
internal sealed class EpisodeCatalog(ClickHouseClient clickHouse)
{
    /// <summary>Episode key → (episode id, show id) of a show's episodes (removed ones included: their past downloads count).</summary>
    public Task<IReadOnlyList<EpisodeEntry>> ForShowAsync(Guid showId, CancellationToken cancellationToken) =>
        ReadEntriesAsync($"show_id = {ClickHouseSql.Literal(showId)}", cancellationToken);

    public Task<IReadOnlyList<EpisodeEntry>> ForEpisodeAsync(Guid episodeId, CancellationToken cancellationToken) =>
        ReadEntriesAsync($"episode_id = {ClickHouseSql.Literal(episodeId)}", cancellationToken);

    public async Task<Dictionary<string, EpisodeFacts>> FactsAsync(IReadOnlyCollection<string> episodeKeys, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, EpisodeFacts>(StringComparer.Ordinal);
        if (episodeKeys.Count == 0)
        {
            return facts;
        }

        var keys = string.Join(", ", episodeKeys.Select(ClickHouseSql.Literal));
        var feed = new Dictionary<string, (long Length, double Duration)>(StringComparer.Ordinal);
        await foreach (var row in clickHouse.QueryRowsAsync(
            $"SELECT episode_key, argMax(enclosure_length, version), argMax(duration_sec, version) FROM episodes WHERE episode_key IN ({keys}) GROUP BY episode_key",
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            feed[row.GetString(0)] = (row.GetInt64(1), row.GetDouble(2));
        }

        var probes = new Dictionary<string, (long Id3, long Length)>(StringComparer.Ordinal);
        await foreach (var row in clickHouse.QueryRowsAsync(
            $"SELECT episode_key, argMax(id3_size, version), argMax(content_length, version) FROM enclosure_probes WHERE episode_key IN ({keys}) GROUP BY episode_key",
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            probes[row.GetString(0)] = (row.GetInt64(1), row.GetInt64(2));
        }

        foreach (var key in episodeKeys)
        {
            var hasFeed = feed.TryGetValue(key, out var f);
            var hasProbe = probes.TryGetValue(key, out var p);
            // The probe's Content-Range total is the file as served; the feed's length attribute is often stale.
            long? size = hasProbe && p.Length > 0 ? p.Length : hasFeed && f.Length > 0 ? f.Length : null;
            double? duration = hasFeed && f.Duration > 0 ? f.Duration : null;
            var id3 = hasProbe && p.Id3 > 0 ? p.Id3 : 0;
            facts[key] = new EpisodeFacts(size, duration, id3);
        }

        return facts;
    }

    private async Task<IReadOnlyList<EpisodeEntry>> ReadEntriesAsync(string condition, CancellationToken cancellationToken)
    {
        var entries = new List<EpisodeEntry>();
        var sql = new StringBuilder($"SELECT episode_key, argMax(episode_id, version), argMax(show_id, version), argMax(title, version) FROM episodes WHERE {condition} AND episode_key != '' GROUP BY episode_key");
        await foreach (var row in clickHouse.QueryRowsAsync(sql.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new EpisodeEntry(row.GetString(0), row.GetUuid(1), row.GetUuid(2), row.GetString(3)));
        }

        return entries;
    }
}

/// <summary>One episode key of the catalog with the episode and show it maps to.</summary>
internal sealed record EpisodeEntry(string EpisodeKey, Guid EpisodeId, Guid ShowId, string Title);
