using System.Globalization;
using System.Text.Json;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>
/// The webhook subscriptions: the <c>webhooks</c> hash (id → JSON), each with a state hash
/// (<see cref="UpdaterKeys.WebhookState"/>) and a dead-letter stream (<see cref="UpdaterKeys.WebhookDeadLetters"/>).
/// </summary>
/// <remarks>
/// A new subscription starts at the change stream's current end: it receives events appended after it was
/// created, not the history (pass <see cref="WebhookCreateRequest.StartAt"/> to replay from a cursor). The
/// limit check, the start cursor and both writes happen in one script, so concurrent creates never exceed
/// the limit and the delivery worker never sees a subscription without a cursor.
/// </remarks>
internal sealed partial class WebhookRegistry(
    RedisConnectionProvider redis,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookRegistry> logger)
{
    // KEYS: 1 webhooks hash, 2 the new webhook's state hash, 3 the change stream.
    // ARGV: 1 id, 2 subscription JSON, 3 max subscriptions, 4 start cursor ('' = the stream's current end).
    private static readonly LuaScript CreateScript = new("""
        if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return {-1, ''} end
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return {-2, ''} end
        local cursor = ARGV[4]
        if cursor == '' then
          local last = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
          if #last > 0 then cursor = last[1][1] else cursor = '0-0' end
        end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[2], 'cursor', cursor, 'delivered', 0, 'attempts', 0)
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return {1, cursor}
        """);

    /// <summary>Validates and stores a new subscription; the result carries the generated secret (shown once).</summary>
    public async Task<WebhookCreateResult> CreateAsync(WebhookCreateRequest request, CancellationToken cancellationToken)
    {
        var (subscription, error) = WebhookValidation.Validate(request, time.GetUtcNow());
        if (subscription is null)
        {
            return WebhookCreateResult.Rejected(error!);
        }

        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(subscription, WebhookJsonContext.Default.WebhookSubscription);
        var max = options.Value.MaxSubscriptions;
        var reply = await connection.ScriptEvaluateAsync(
            CreateScript,
            [UpdaterKeys.Webhooks, UpdaterKeys.WebhookState(subscription.Id), UpdaterKeys.Changes],
            [subscription.Id, json, max, request.StartAt ?? string.Empty],
            cancellationToken).ConfigureAwait(false);
        switch (reply[0].AsInt64())
        {
            case -1:
                return WebhookCreateResult.Rejected($"there are already {max} webhook subscriptions, the most allowed; delete one first");
            case -2:
                // 96 random bits colliding: practically never, but never overwrite someone else's subscription.
                return WebhookCreateResult.Rejected("generated webhook id collided with an existing one; try again");
            default:
                var cursor = reply[1].AsString()!;
                LogCreated(logger, subscription.Id, subscription.Url, cursor);
                return WebhookCreateResult.Created(subscription, cursor);
        }
    }

    /// <summary>The subscription, or null when there is none with this id.</summary>
    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!WebhookValidation.IsWellFormedId(id))
        {
            return null;
        }

        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.HashGetAsync(UpdaterKeys.Webhooks, id, cancellationToken).ConfigureAwait(false);
        return json.IsNull ? null : Parse(id, json.ToString()!);
    }

    /// <summary>Every subscription, ordered by creation time. An entry that does not parse is logged and left out.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = await connection.HashGetAllAsync(UpdaterKeys.Webhooks, cancellationToken).ConfigureAwait(false);
        var list = new List<WebhookSubscription>(entries.Length);
        foreach (var entry in entries)
        {
            if (Parse(entry.Name.ToString()!, entry.Value.ToString()!) is { } subscription)
            {
                list.Add(subscription);
            }
        }

        list.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    /// <summary>Removes the subscription with its state, dead letters and delivery lock; false when it did not exist.</summary>
    /// <remarks>
    /// The hash entry goes first: a delivery in flight records its progress only while the entry exists (see
    /// <see cref="WebhookDeliveryLoop"/>), so the state key deleted next is not written again.
    /// </remarks>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!WebhookValidation.IsWellFormedId(id))
        {
            return false;
        }

        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var existed = await connection.HashDeleteAsync(UpdaterKeys.Webhooks, id, cancellationToken).ConfigureAwait(false);
        await connection.KeyDeleteAsync(
            [UpdaterKeys.WebhookState(id), UpdaterKeys.WebhookDeadLetters(id), WebhookLock.KeyFor(id)],
            cancellationToken).ConfigureAwait(false);
        if (existed)
        {
            LogDeleted(logger, id);
        }

        return existed;
    }

    /// <summary>The delivery state of a subscription (an absent state reads as "nothing delivered yet").</summary>
    public async Task<WebhookDeliveryState> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var fields = await connection.HashGetAllAsync(UpdaterKeys.WebhookState(id), cancellationToken).ConfigureAwait(false);
        var deadLetters = await connection.StreamLengthAsync(UpdaterKeys.WebhookDeadLetters(id), cancellationToken).ConfigureAwait(false);
        var map = fields.ToDictionary(f => f.Name.ToString()!, f => f.Value.ToString(), StringComparer.Ordinal);
        return new WebhookDeliveryState(
            map.GetValueOrDefault(WebhookStateFields.Cursor) ?? ChangeLogCursor.Start,
            Int64(map, WebhookStateFields.Delivered) ?? 0,
            deadLetters,
            (int?)Int64(map, WebhookStateFields.LastStatus),
            map.GetValueOrDefault(WebhookStateFields.LastError) is { Length: > 0 } error ? error : null,
            (int)(Int64(map, WebhookStateFields.Attempts) ?? 0),
            Time(Int64(map, WebhookStateFields.LastAttemptAt)),
            Time(Int64(map, WebhookStateFields.LastDeliveredAt)));
    }

    /// <summary>The newest dead letters first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeadLetter>> ReadDeadLettersAsync(string id, int limit, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await connection.ExecuteAsync("XREVRANGE", [UpdaterKeys.WebhookDeadLetters(id), "+", "-", "COUNT", limit], cancellationToken).ConfigureAwait(false);
        var list = new List<WebhookDeadLetter>(reply.Length);
        foreach (var item in reply.Items)
        {
            var fields = item[1].Items;
            var map = new Dictionary<string, RedisResult>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < fields.Count; i += 2)
            {
                map[fields[i].AsString()!] = fields[i + 1];
            }

            list.Add(new WebhookDeadLetter(
                item[0].AsString()!,
                map.GetValueOrDefault("streamId")?.AsString() ?? string.Empty,
                map.GetValueOrDefault("reason")?.AsString() ?? string.Empty,
                map.TryGetValue("attempts", out var attempts) && long.TryParse(attempts.AsString(), CultureInfo.InvariantCulture, out var n) ? (int)n : 0,
                map.GetValueOrDefault("event")?.AsBytes() ?? []));
        }

        return list;
    }

    private WebhookSubscription? Parse(string id, string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, WebhookJsonContext.Default.WebhookSubscription);
        }
        catch (JsonException e)
        {
            LogUnreadable(logger, id, e.Message);
            return null;
        }
    }

    private static long? Int64(Dictionary<string, string?> map, string field) =>
        map.GetValueOrDefault(field) is { Length: > 0 } text && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? Time(long? unixMilliseconds) => unixMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Webhook {WebhookId} created for {Url}, starting after {Cursor}")]
    private static partial void LogCreated(ILogger logger, string webhookId, string url, string cursor);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Webhook {WebhookId} deleted")]
    private static partial void LogDeleted(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: stored subscription is not readable JSON, ignored: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string webhookId, string reason);
}
