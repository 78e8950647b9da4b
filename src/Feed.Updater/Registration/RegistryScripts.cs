using Prefix.Redis;

namespace Feed.Updater.Registration;

/// <summary>
/// The Lua scripts behind <see cref="FeedRegistry"/>. Each changes feed state AND appends the event to the
/// <c>feeds:changes</c> stream AND publishes it, in one script, so Redis runs them as one atomic step: a
/// crash can never leave a stored change without its event or an event without its change (FEEDS.md
/// "Change detection": outbox-style). The event JSON is built by the caller; for feeds that already have
/// events the caller passes the sequence it built the event with and the script only applies if the
/// feed's <c>q</c> is still that value (compare-and-set), answering "conflict" otherwise.
/// </summary>
/// <remarks>
/// Scripts touch <c>feed:{id}</c> keys they derive from <c>feeds:byurl</c> as well as the ones passed in
/// KEYS; fine on a single Redis (the updater does not target Redis Cluster).
/// </remarks>
internal static class RegistryScripts
{
    /// <summary>
    /// Registers a batch. KEYS: byurl, due, count, changes, then feed:{id} per feed. ARGV: now (ms),
    /// stream max length, then per feed: canonical url, id ("N"), feed.registered JSON with sequence 1.
    /// Returns per feed "c" (created), "e {id} {status}" (existing) or "r {id} {q}" (deregistered:
    /// the caller re-registers it with a compare-and-set on q).
    /// </summary>
    public static readonly LuaScript RegisterBatch = new("""
        local now = ARGV[1]
        local maxlen = ARGV[2]
        local created = 0
        local out = {}
        for i = 5, #KEYS do
          local a = (i - 5) * 3 + 3
          local url, id = ARGV[a], ARGV[a + 1]
          local key = KEYS[i]
          -- HSETNX first: for the common case (a new URL) it is the only lookup.
          local known = redis.call('HSETNX', KEYS[1], url, id) == 0
          if known then
            local owner = redis.call('HGET', KEYS[1], url)
            if owner ~= id then
              if redis.call('EXISTS', 'feed:' .. owner) == 1 then
                -- The URL was moved onto another feed (feed.moved keeps the old id); answer with that feed.
                key = 'feed:' .. owner
                id = owner
              else
                redis.call('HSET', KEYS[1], url, id)
              end
            end
          end
          local st = redis.call('HMGET', key, 's', 'q')
          if st[1] == 'deregistered' then
            out[#out + 1] = 'r ' .. id .. ' ' .. (st[2] or '0')
          elseif st[1] then
            -- Known URL, or another spelling of a registered feed (http vs https, trailing slash) now remembered too.
            out[#out + 1] = 'e ' .. id .. ' ' .. st[1]
          else
            local event = ARGV[a + 2]
            redis.call('HSET', key, 'u', url, 's', 'active', 'ra', now, 'q', 1, 'nc', now)
            redis.call('ZADD', KEYS[2], now, id)
            redis.call('XADD', KEYS[4], 'MAXLEN', '~', maxlen, '*', 'feed', id, 'type', 'feed.registered', 'seq', 1, 'event', event)
            redis.call('PUBLISH', KEYS[4], event)
            created = created + 1
            out[#out + 1] = 'c'
          end
        end
        if created > 0 then
          redis.call('INCRBY', KEYS[3], created)
        end
        return out
        """);

    /// <summary>
    /// Re-registers a deregistered feed. KEYS: feed:{id}, due, count, changes. ARGV: expected q, event JSON,
    /// id ("N"), now (ms), stream max length. Returns "ok", "conflict", "notfound" or "e {status}" when
    /// the feed is no longer deregistered.
    /// </summary>
    public static readonly LuaScript Reregister = new("""
        local st = redis.call('HMGET', KEYS[1], 's', 'q')
        if not st[1] then return 'notfound' end
        if st[1] ~= 'deregistered' then return 'e ' .. st[1] end
        if (st[2] or '0') ~= ARGV[1] then return 'conflict' end
        redis.call('HSET', KEYS[1], 's', 'active', 'nc', ARGV[4])
        local seq = redis.call('HINCRBY', KEYS[1], 'q', 1)
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
        redis.call('INCR', KEYS[3])
        redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'feed', ARGV[3], 'type', 'feed.registered', 'seq', seq, 'event', ARGV[2])
        redis.call('PUBLISH', KEYS[4], ARGV[2])
        return 'ok'
        """);

    /// <summary>
    /// Deregisters (soft: the hash is kept). KEYS: feed:{id}, due, leases, count, changes. ARGV: expected q,
    /// event JSON, id ("N"), stream max length. Returns "ok", "conflict", "notfound" or "already".
    /// </summary>
    public static readonly LuaScript Deregister = new("""
        local st = redis.call('HMGET', KEYS[1], 's', 'q')
        if not st[1] then return 'notfound' end
        if st[1] == 'deregistered' then return 'already' end
        if (st[2] or '0') ~= ARGV[1] then return 'conflict' end
        redis.call('HSET', KEYS[1], 's', 'deregistered')
        local seq = redis.call('HINCRBY', KEYS[1], 'q', 1)
        redis.call('ZREM', KEYS[2], ARGV[3])
        redis.call('ZREM', KEYS[3], ARGV[3])
        redis.call('DECR', KEYS[4])
        redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], '*', 'feed', ARGV[3], 'type', 'feed.deregistered', 'seq', seq, 'event', ARGV[2])
        redis.call('PUBLISH', KEYS[5], ARGV[2])
        return 'ok'
        """);
}
