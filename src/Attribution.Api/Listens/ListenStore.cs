using System.Globalization;
using Microsoft.Extensions.Options;
using Prefix.ClickHouse;

namespace Attribution.Api.Listens;

/// <summary>
/// The SQL of <c>listen_events</c> (deploy/clickhouse/migrations/0003_listens.sql) and the episode look-ups listens need.
/// Runs on ClickHouse 18.16 and current releases (no window functions, no query parameters).
/// </summary>
/// <remarks>
/// Reads deduplicate exactly, whether or not ReplacingMergeTree has merged yet: the first receipt of each
/// (device_id, event_id) wins, then the first of each (device_id, content_hash) — the same event re-sent under a new
/// eventId. So a batch synced any number of times gives the same answer.
/// Scale limit: one episode's events (and, for the fraud guards, its devices' events on other episodes in the range)
/// are read into memory for <see cref="ListenCalculator"/>; about 100 bytes each, so tens of millions of events per
/// episode and range are the practical ceiling of one request. Beyond that, narrow the range.
/// </remarks>
internal sealed class ListenStore(ClickHouseClient client, IOptions<ListenOptions> options)
{
    private static readonly string[] Columns =
    [
        "episode_id", "episode_key", "device_id", "event_id", "event_type", "position_sec", "offline",
        "client_ms", "sent_ms", "received_ms", "corrected_ms", "corrected_at", "content_hash", "version",
    ];

    private readonly ListenOptions _options = options.Value;

    private string Table => ClickHouseSql.Identifier(_options.Table);

    private string Episodes => ClickHouseSql.Identifier(_options.EpisodesTable);

    public Task<long> InsertAsync(IReadOnlyList<ListenRecord> records, CancellationToken cancellationToken) =>
        client.InsertAsync(_options.Table, Columns, records.Select(ToRow), cancellationToken: cancellationToken);

    /// <summary>Episode ids of normalized enclosure URLs the feed updater knows (newest row per key wins).</summary>
    public async Task<Dictionary<string, Guid>> ResolveEnclosuresAsync(IReadOnlyCollection<string> episodeKeys, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (episodeKeys.Count == 0)
        {
            return resolved;
        }

        var sql = $"SELECT episode_key, argMax(toString(episode_id), version) FROM {Episodes} WHERE has({ClickHouseSql.Literal(episodeKeys)}, episode_key) GROUP BY episode_key";
        await foreach (var row in client.QueryRowsAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            resolved[row.GetString(0)] = Guid.Parse(row.GetString(1), CultureInfo.InvariantCulture);
        }

        return resolved;
    }

    /// <summary>The episode's duration from the feed (newest version), or null when unknown.</summary>
    public async Task<double?> DurationAsync(Guid episodeId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT episode_id, argMax(duration_sec, version) FROM {Episodes} WHERE episode_id = {ClickHouseSql.Literal(episodeId)} GROUP BY episode_id";
        await foreach (var row in client.QueryRowsAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var duration = row.GetDouble(1);
            return duration > 0 ? duration : null;
        }

        return null;
    }

    /// <summary>The episode's deduplicated events with corrected time in [startMs, endMs), oldest first.</summary>
    public Task<List<ListenEvent>> EpisodeEventsAsync(Guid episodeId, long startMs, long endMs, CancellationToken cancellationToken) =>
        ReadAsync(EpisodeFilter(episodeId), startMs, endMs, cancellationToken);

    /// <summary>The same devices' deduplicated events on every other episode, in the same range.</summary>
    public Task<List<ListenEvent>> OtherEventsOfDevicesAsync(Guid episodeId, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var filter = EpisodeFilter(episodeId);
        var range = $"corrected_ms >= {ClickHouseSql.Literal(startMs)} AND corrected_ms < {ClickHouseSql.Literal(endMs)}";
        return ReadAsync($"device_id IN (SELECT device_id FROM {Table} WHERE {filter} AND {range}) AND NOT ({filter})", startMs, endMs, cancellationToken);
    }

    private static object?[] ToRow(ListenRecord r) =>
    [
        r.EpisodeId, r.EpisodeKey, r.DeviceId, r.EventId, ListenEventTypes.Name(r.Type), r.PositionSec, r.Offline,
        r.ClientMs, r.SentMs, r.ReceivedMs, r.CorrectedMs, DateTime.UnixEpoch.AddMilliseconds(r.CorrectedMs),
        r.ContentHash, ulong.MaxValue - (ulong)r.ReceivedMs,
    ];

    private string EpisodeFilter(Guid episodeId)
    {
        // Late mapping: an enclosure URL stored before the feed updater knew it matches once an episodes row maps its key.
        var id = ClickHouseSql.Literal(episodeId);
        return $"(episode_id = {id} OR (episode_id = {ClickHouseSql.Literal(Guid.Empty)} AND episode_key != '' "
            + $"AND episode_key IN (SELECT episode_key FROM {Episodes} WHERE episode_id = {id})))";
    }

    private async Task<List<ListenEvent>> ReadAsync(string filter, long startMs, long endMs, CancellationToken cancellationToken)
    {
        // Dedupe before the range filter: copies of one event may carry different corrected times (each receipt has
        // its own skew estimate), and the answer must not depend on which copies fall in the range.
        var sql = $"""
            SELECT device_id, stream, event_type, position_sec, corrected_ms FROM (
                SELECT device_id, stream, event_type, position_sec, corrected_ms, event_id, content_hash, received_ms FROM (
                    SELECT device_id, event_id, content_hash, event_type, position_sec, corrected_ms, received_ms,
                           if(episode_id = {ClickHouseSql.Literal(Guid.Empty)}, concat('url:', episode_key), toString(episode_id)) AS stream
                    FROM {Table}
                    WHERE {filter}
                    ORDER BY device_id, event_id, received_ms, content_hash
                    LIMIT 1 BY device_id, event_id
                )
                ORDER BY device_id, content_hash, received_ms, event_id
                LIMIT 1 BY device_id, content_hash
            )
            WHERE corrected_ms >= {ClickHouseSql.Literal(startMs)} AND corrected_ms < {ClickHouseSql.Literal(endMs)}
            ORDER BY device_id, corrected_ms, event_id
            """;
        var events = new List<ListenEvent>();
        await foreach (var row in client.QueryRowsAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ListenEventTypes.TryParse(row.GetString(2), out var type))
            {
                events.Add(new ListenEvent(row.GetString(0), row.GetString(1), type, row.GetDouble(3), row.GetInt64(4)));
            }
        }

        return events;
    }
}
