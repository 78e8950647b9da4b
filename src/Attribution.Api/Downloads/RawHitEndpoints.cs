using System.Globalization;
using System.Text;
using System.Text.Json;
using Prefix.ClickHouse;
using Prefix.Core.Episodes;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Downloads;

/// <summary>
/// <c>GET /v1/hits?showId=…|url=…&amp;start&amp;end&amp;cursor&amp;limit</c>: the raw hits behind the numbers, oldest first,
/// keyset-paged by (time, hit id) so pages stay stable while new hits arrive. No raw IP exists to return: rows carry
/// the hashed listener and household keys.
/// </summary>
internal static class RawHitEndpoints
{
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapRawHitEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/hits", GetAsync).RequireScope(ApiScopes.Read).WithTags("Downloads")
            .WithSummary("Raw hits of a show or an enclosure URL, oldest first, cursor-paged (?showId|url, start, end, cursor, limit ≤ 1000)");
        return v1;
    }

    private static async Task<IResult> GetAsync(HttpContext context, string? showId, string? url, string? cursor, int? limit,
        EpisodeCatalog catalog, EpisodeKeyNormalizer normalizer, ClickHouseClient clickHouse, TimeProvider time, CancellationToken ct)
    {
        var (query, error) = DownloadQueryParser.Parse(context.Request.Query, time.GetUtcNow(), allowEpisodeBreakdown: false);
        if (query is null)
        {
            return ApiAnswers.Error(400, error!);
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiAnswers.Error(400, $"'limit' must be between 1 and {MaxLimit}; got {limit}");
        }

        (long Ms, Guid Id)? after = null;
        if (cursor is not null)
        {
            var parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || !Guid.TryParse(parts[1], out var id))
            {
                return ApiAnswers.Error(400, "'cursor' must be the nextCursor of an earlier page");
            }

            after = (ms, id);
        }

        List<string> keys;
        if (Guid.TryParse(showId, out var show) && url is null)
        {
            if (ApiAnswers.ForbiddenShow(context, show) is { } forbidden)
            {
                return forbidden;
            }

            keys = [.. (await catalog.ForShowAsync(show, ct).ConfigureAwait(false)).Select(e => e.EpisodeKey)];
        }
        else if (showId is null && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            if (context.GetApiKey() is { IsAdmin: false, Shows.Count: > 0 } key)
            {
                return ApiAnswers.Error(403, $"the API key '{key.Name}' may read only its listed shows; ask by showId");
            }

            keys = [normalizer.Normalize(url!)];
        }
        else
        {
            return ApiAnswers.Error(400, "give exactly one of showId (a UUID) or url (an absolute http(s) enclosure URL)");
        }

        var page = new List<RawHit>();
        if (keys.Count > 0)
        {
            var sql = new StringBuilder("SELECT hit_id, ts_ms, method, episode_key, user_agent, referer, `range`, listener_key, household_key, country, app, device, os, is_bot, bot_reason, status, source FROM hits WHERE episode_key IN (");
            sql.AppendJoin(", ", keys.Select(ClickHouseSql.Literal));
            sql.Append(CultureInfo.InvariantCulture, $") AND ts >= {ClickHouseSql.Literal(query.Start.UtcDateTime)} AND ts < {ClickHouseSql.Literal(query.End.UtcDateTime)}");
            if (after is { } a)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND (ts_ms > {ClickHouseSql.Literal(a.Ms)} OR (ts_ms = {ClickHouseSql.Literal(a.Ms)} AND hit_id > {ClickHouseSql.Literal(a.Id)}))");
            }

            sql.Append(CultureInfo.InvariantCulture, $" ORDER BY ts_ms, hit_id LIMIT 1 BY hit_id LIMIT {ClickHouseSql.Literal(limit ?? 100)}");
            await foreach (var row in clickHouse.QueryRowsAsync(sql.ToString(), cancellationToken: ct).ConfigureAwait(false))
            {
                page.Add(new RawHit(row.GetUuid(0), DateTimeOffset.FromUnixTimeMilliseconds((long)row.GetUInt64(1)), row.GetString(2), row.GetString(3), row.GetString(4),
                    row.GetString(5), row.GetString(6), row.GetString(7), row.GetString(8), row.GetString(9), row.GetString(10), row.GetString(11), row.GetString(12),
                    row.GetInt64(13) != 0, row.GetString(14), (int)row.GetInt64(15), row.GetString(16)));
            }
        }

        var next = page.Count == (limit ?? 100) ? $"{page[^1].Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}_{page[^1].HitId:N}" : null;
        return TypedResults.Text(JsonSerializer.Serialize(new RawHitPage(page, next), Web), "application/json");
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

/// <summary>One stored hit as the API shows it (hashed keys only).</summary>
internal sealed record RawHit(Guid HitId, DateTimeOffset Time, string Method, string EpisodeKey, string UserAgent, string Referer, string Range,
    string ListenerKey, string HouseholdKey, string Country, string App, string Device, string Os, bool IsBot, string BotReason, int Status, string Source);

/// <summary>A page of hits; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record RawHitPage(IReadOnlyList<RawHit> Hits, string? NextCursor);
