using System.Collections.Concurrent;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Tests.Scheduling;

/// <summary>
/// Stands in for the poller in the two-instance test: checks nobody else is polling the feed, "polls" for
/// 0–3 ms, then commits the way the real commit does (token-checked: leases → due at now + 1–2 s, token cleared).
/// </summary>
internal sealed class CommittingPollHandler(RedisConnectionProvider redis, SharedPollLog log, int instance) : IFeedPollHandler
{
    private static readonly LuaScript Commit = new($"""
        if redis.call('HGET', KEYS[3], '{FeedStateFields.LeaseToken}') ~= ARGV[1] then return 0 end
        redis.call('ZREM', KEYS[2], ARGV[3])
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
        redis.call('HSET', KEYS[3], '{FeedStateFields.NextCheck}', ARGV[2])
        redis.call('HDEL', KEYS[3], '{FeedStateFields.LeaseToken}')
        return 1
        """);

    public async Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        if (!log.InPoll.TryAdd(feed.FeedId, instance))
        {
            Interlocked.Increment(ref log.Overlaps);
        }

        log.Polls.AddOrUpdate(feed.FeedId, 1, (_, n) => n + 1);
        Interlocked.Increment(ref log.PerInstance[instance]);
        log.Lags.Add((feed.FeedId, (started - feed.DueAt).TotalMilliseconds, started));
        try
        {
            await Task.Delay(Random.Shared.Next(0, 4), cancellationToken);
            var next = DateTimeOffset.UtcNow.AddMilliseconds(Random.Shared.Next(1_000, 2_001));
            var connection = await redis.GetAsync(cancellationToken);
            var committed = await connection.ScriptEvaluateAsync(
                Commit,
                [UpdaterKeys.Due, UpdaterKeys.Leases, UpdaterKeys.Feed(feed.FeedId)],
                [feed.LeaseToken, next.ToUnixTimeMilliseconds(), feed.FeedId.ToString("N")],
                cancellationToken);
            if (committed.AsInt64() != 1)
            {
                Interlocked.Increment(ref log.LostCommits);
            }
        }
        finally
        {
            log.InPoll.TryRemove(feed.FeedId, out _);
        }
    }
}

/// <summary>What both instances' handlers saw.</summary>
internal sealed class SharedPollLog
{
#pragma warning disable CA1051, SA1401 // A test's shared tally: fields so Interlocked can update them.
    public readonly ConcurrentDictionary<Guid, int> InPoll = new();
    public readonly ConcurrentDictionary<Guid, int> Polls = new();
    public readonly ConcurrentBag<(Guid FeedId, double LagMs, DateTimeOffset At)> Lags = [];
    public readonly long[] PerInstance = new long[2];
    public long Overlaps;
    public long LostCommits;
#pragma warning restore CA1051, SA1401
}
