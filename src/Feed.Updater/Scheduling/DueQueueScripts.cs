using Feed.Updater.Storage;
using Prefix.Redis;

namespace Feed.Updater.Scheduling;

/// <summary>
/// The Lua behind <see cref="DueQueue"/>. Each script is one atomic step, so a feed is always in exactly
/// one of the due set and the leases (or in neither once gone or deregistered), whatever runs concurrently.
/// </summary>
/// <remarks>
/// The scripts touch per-feed hashes whose names they build from the member (<c>feed:{id}</c>), which
/// Redis Cluster would refuse; the updater runs on one Redis (ARCHITECTURE.md), where it is fine.
/// Time always comes in as an argument (the caller's <see cref="TimeProvider"/>), never from Redis TIME,
/// so every instance and every test agrees on "now".
/// </remarks>
internal static class DueQueueScripts
{
    /// <summary><c>feed:</c>: the per-feed hash name without the id.</summary>
    public static readonly string FeedKeyPrefix = UpdaterKeys.Feed(Guid.Empty)[..^32];

    private const string Gone = "gone";
    private const string Deregistered = "deregistered";

    /// <summary>
    /// KEYS: due, leases. ARGV: now ms, max, lease expiry ms, token prefix, feed key prefix.
    /// Returns flat (id, url, token, due score, trigger) per claimed feed, oldest first.
    /// </summary>
    public static readonly LuaScript Claim = new($$"""
        local ids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]), 'WITHSCORES')
        local out = {}
        local n = 0
        for i = 1, #ids, 2 do
          local id = ids[i]
          local key = ARGV[5] .. id
          local f = redis.call('HMGET', key, '{{FeedStateFields.Url}}', '{{FeedStateFields.Status}}', '{{FeedStateFields.HintPending}}')
          redis.call('ZREM', KEYS[1], id)
          if f[1] and f[2] ~= '{{Gone}}' and f[2] ~= '{{Deregistered}}' then
            n = n + 1
            local token = ARGV[4] .. n
            redis.call('ZADD', KEYS[2], ARGV[3], id)
            redis.call('HSET', key, '{{FeedStateFields.LeaseToken}}', token)
            local trigger = 'poll'
            if f[3] then
              redis.call('HDEL', key, '{{FeedStateFields.HintPending}}')
              if f[3] == '1' then trigger = 'hint' end
            end
            out[#out + 1] = id
            out[#out + 1] = f[1]
            out[#out + 1] = token
            out[#out + 1] = ids[i + 1]
            out[#out + 1] = trigger
          end
        end
        return out
        """);

    /// <summary>KEYS: due, leases, feed hash. ARGV: token, due ms, id. Returns 1 when the token still held the lease.</summary>
    public static readonly LuaScript Release = new($$"""
        if redis.call('HGET', KEYS[3], '{{FeedStateFields.LeaseToken}}') ~= ARGV[1] then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[3])
        redis.call('HDEL', KEYS[3], '{{FeedStateFields.LeaseToken}}')
        local s = redis.call('HGET', KEYS[3], '{{FeedStateFields.Status}}')
        if s ~= '{{Gone}}' and s ~= '{{Deregistered}}' then
          redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
          redis.call('HSET', KEYS[3], '{{FeedStateFields.NextCheck}}', ARGV[2])
        end
        return 1
        """);

    /// <summary>
    /// KEYS: due, leases. ARGV: now ms, limit, feed key prefix. Leases that expired before now go back to
    /// due at now and lose their token, so the stale holder's commit is refused. Returns how many.
    /// </summary>
    public static readonly LuaScript Reap = new($$"""
        local ids = redis.call('ZRANGE', KEYS[2], '-inf', '(' .. ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
        for _, id in ipairs(ids) do
          local key = ARGV[3] .. id
          redis.call('ZREM', KEYS[2], id)
          redis.call('HDEL', key, '{{FeedStateFields.LeaseToken}}')
          local f = redis.call('HMGET', key, '{{FeedStateFields.Url}}', '{{FeedStateFields.Status}}')
          if f[1] and f[2] ~= '{{Gone}}' and f[2] ~= '{{Deregistered}}' then
            redis.call('ZADD', KEYS[1], ARGV[1], id)
          end
        end
        return #ids
        """);

    /// <summary>
    /// KEYS: due, leases. ARGV: now ms, feed key prefix, ids... A schedulable feed (has a URL, not gone or
    /// deregistered) in neither set is queued at its stored next check (or now); a gone or deregistered
    /// feed still in due is removed. Returns {requeued, removed}.
    /// </summary>
    public static readonly LuaScript Repair = new($$"""
        local requeued, removed = 0, 0
        for i = 3, #ARGV do
          local id = ARGV[i]
          local f = redis.call('HMGET', ARGV[2] .. id, '{{FeedStateFields.Url}}', '{{FeedStateFields.Status}}', '{{FeedStateFields.NextCheck}}')
          if f[2] == '{{Gone}}' or f[2] == '{{Deregistered}}' then
            removed = removed + redis.call('ZREM', KEYS[1], id)
          elseif f[1] and not redis.call('ZSCORE', KEYS[1], id) and not redis.call('ZSCORE', KEYS[2], id) then
            redis.call('ZADD', KEYS[1], tonumber(f[3]) or tonumber(ARGV[1]), id)
            requeued = requeued + 1
          end
        end
        return {requeued, removed}
        """);

    /// <summary>
    /// KEYS: due, leases, feed hash. ARGV: now ms, debounce ms, id.
    /// Returns 0 scheduled, 1 debounced, 2 in progress, 3 not found (the <see cref="HintResult"/> order).
    /// </summary>
    public static readonly LuaScript Hint = new($$"""
        if redis.call('ZSCORE', KEYS[2], ARGV[3]) then return 2 end
        local score = redis.call('ZSCORE', KEYS[1], ARGV[3])
        if not score then return 3 end
        local now = tonumber(ARGV[1])
        local last = tonumber(redis.call('HGET', KEYS[3], '{{FeedStateFields.LastHintAt}}'))
        if last and now - last < tonumber(ARGV[2]) then return 1 end
        redis.call('HSET', KEYS[3], '{{FeedStateFields.LastHintAt}}', ARGV[1], '{{FeedStateFields.HintPending}}', '1')
        if tonumber(score) > now then redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[3]) end
        return 0
        """);
}
