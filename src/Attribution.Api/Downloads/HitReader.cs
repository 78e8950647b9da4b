using System.Globalization;
using System.Text;
using Prefix.ClickHouse;
using Prefix.Counting;

namespace Attribution.Api.Downloads;

/// <summary>
/// Reads hits of some episode keys from ClickHouse <c>hits</c>, in the order the counting engine streams
/// (episode key, listener key, time), together with what breakdowns need about each listener.
/// </summary>
internal sealed class HitReader(ClickHouseClient clickHouse)
{
    /// <summary>How far before the period hits are read: a rolling window opened up to 24 h earlier can qualify inside it.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(1);

    public async Task<HitBatch> ReadAsync(IReadOnlyCollection<string> episodeKeys, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var batch = new HitBatch();
        if (episodeKeys.Count == 0)
        {
            return batch;
        }

        var sql = new StringBuilder();
        sql.Append("SELECT hit_id, ts_ms, method, status, episode_key, listener_key, household_key, user_agent, `range`, is_bot, bot_reason, is_apple_watch, asn, app, device, os, country, subdivision, referer FROM hits WHERE episode_key IN (");
        sql.AppendJoin(", ", episodeKeys.Select(ClickHouseSql.Literal));
        sql.Append(CultureInfo.InvariantCulture, $") AND ts >= {ClickHouseSql.Literal((start - Lead).UtcDateTime)} AND ts < {ClickHouseSql.Literal(end.UtcDateTime)}");
        sql.Append(" ORDER BY episode_key, listener_key, ts_ms, hit_id");
        await foreach (var row in clickHouse.QueryRowsAsync(sql.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var listener = row.GetString(5);
            batch.Hits.Add(new CountingHit
            {
                HitId = row.GetUuid(0),
                Time = DateTimeOffset.FromUnixTimeMilliseconds((long)row.GetUInt64(1)),
                Method = row.GetString(2),
                Status = (int)row.GetInt64(3),
                EpisodeKey = row.GetString(4),
                ListenerKey = listener,
                HouseholdKey = row.GetString(6),
                UserAgent = row.GetString(7),
                Range = row.GetString(8),
                IsBot = row.GetInt64(9) != 0,
                BotReason = row.GetString(10),
                IsAppleWatch = row.GetInt64(11) != 0,
                Asn = (uint)row.GetInt64(12),
            });
            if (!batch.Listeners.ContainsKey(listener))
            {
                batch.Listeners[listener] = new ListenerFacts(row.GetString(13), row.GetString(14), row.GetString(15), row.GetString(16), row.GetString(17), RefererHost(row.GetString(18)));
            }
        }

        return batch;
    }

    private static string RefererHost(string referer) =>
        Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
}

/// <summary>Hits in engine order plus the first-seen attributes of each listener key (app, device, os, country, region, referrer).</summary>
internal sealed class HitBatch
{
    public List<CountingHit> Hits { get; } = [];
    public Dictionary<string, ListenerFacts> Listeners { get; } = new(StringComparer.Ordinal);
}

/// <summary>What a breakdown groups a listener's downloads by. A listener key is one IP* and one User-Agent, so app, device and OS are its own.</summary>
internal sealed record ListenerFacts(string App, string Device, string Os, string Country, string Region, string Referrer);
