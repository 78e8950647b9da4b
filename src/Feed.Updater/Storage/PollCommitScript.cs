using Prefix.Redis;

namespace Feed.Updater.Storage;

/// <summary>
/// The outbox commit (FEEDS.md "Change detection": a crash between store and publish never loses or reorders
/// events): one Lua script checks the lease token (fencing a holder whose lease was reaped) and the expected
/// sequence (compare-and-set against registration/deregistration), then writes state, fingerprint, schedule and
/// appends the events to <c>feeds:changes</c> with PUBLISH — all or nothing, because Redis runs a script atomically.
/// </summary>
internal static class PollCommitScript
{
    // KEYS: 1 feed hash, 2 fingerprint, 3 due, 4 leases, 5 changes stream, 6 url index
    // ARGV: 1 token, 2 expected sequence, 3 feed id (N), 4 next check ms ('' = unschedule), 5 stream max length,
    //       6 '1' when ARGV[7] is a new fingerprint, 7 fingerprint, 8 new url (''), 9 number of fields to set,
    //       then name/value pairs, then the number of fields to delete and their names,
    //       then the number of events and (type, sequence, json) triples.
    public static readonly LuaScript Script = new("""
        local h = KEYS[1]
        if redis.call('HGET', h, 'lt') ~= ARGV[1] then return 'lease-lost' end
        if redis.call('HGET', h, 's') == 'deregistered' then
          redis.call('HDEL', h, 'lt')
          redis.call('ZREM', KEYS[4], ARGV[3])
          redis.call('ZREM', KEYS[3], ARGV[3])
          return 'deregistered'
        end
        local q = tonumber(redis.call('HGET', h, 'q') or '0')
        if q ~= tonumber(ARGV[2]) then return 'conflict:' .. q end
        local i = 10
        local n = tonumber(ARGV[9])
        for j = 1, n do
          redis.call('HSET', h, ARGV[i], ARGV[i + 1])
          i = i + 2
        end
        n = tonumber(ARGV[i]); i = i + 1
        for j = 1, n do
          redis.call('HDEL', h, ARGV[i])
          i = i + 1
        end
        redis.call('HDEL', h, 'lt')
        if ARGV[6] == '1' then redis.call('SET', KEYS[2], ARGV[7]) end
        redis.call('ZREM', KEYS[4], ARGV[3])
        if ARGV[4] ~= '' then
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
          redis.call('HSET', h, 'nc', ARGV[4])
        else
          redis.call('ZREM', KEYS[3], ARGV[3])
        end
        if ARGV[8] ~= '' then redis.call('HSETNX', KEYS[6], ARGV[8], ARGV[3]) end
        n = tonumber(ARGV[i]); i = i + 1
        local last = q
        for j = 1, n do
          redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[5], '*', 'feed', ARGV[3], 'type', ARGV[i], 'seq', ARGV[i + 1], 'event', ARGV[i + 2])
          redis.call('PUBLISH', KEYS[5], ARGV[i + 2])
          last = tonumber(ARGV[i + 1])
          i = i + 3
        end
        redis.call('HSET', h, 'q', last)
        return 'ok'
        """);
}
