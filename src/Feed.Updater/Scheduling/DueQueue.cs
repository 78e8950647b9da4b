using System.Globalization;
using System.Security.Cryptography;
using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Scheduling;

/// <summary>
/// The Redis side of scheduling: the due set (<c>feeds:due</c>, feed id → next check ms), the leases
/// (<c>feeds:leases</c>, feed id → lease expiry ms) and the lease token in each feed's hash.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><see cref="ClaimAsync"/> moves due feeds to the leases and gives each a fresh token.</item>
/// <item>The poller's commit (not here) succeeds only while the feed's token equals its own, and moves the
/// feed back to due at its next check; <see cref="ReleaseAsync"/> does the same without new state.</item>
/// <item><see cref="ReapExpiredLeasesAsync"/> puts the feeds of crashed or stuck holders back and clears their
/// token, which fences the stale holder out.</item>
/// <item><see cref="ReconcileAsync"/> repairs drift between the registry and the two sets, a chunk at a time.</item>
/// </list>
/// Every step is one Lua script (<see cref="DueQueueScripts"/>), run by EVALSHA with the client's NOSCRIPT fallback.
/// </remarks>
internal sealed class DueQueue(RedisConnectionProvider redis, TimeProvider time)
{
    private const int ReapBatch = 1_000;
    private const int ScanBatch = 1_000;
    private static readonly string[] SetKeys = [UpdaterKeys.Due, UpdaterKeys.Leases];

    private long _claims;

    /// <summary>Random per instance; the first part of every lease token this instance hands out.</summary>
    public string InstanceId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Claims up to <paramref name="max"/> feeds due now, oldest first, each leased for <paramref name="leaseDuration"/>.</summary>
    /// <remarks>Members whose hash is gone, deregistered or has no URL are dropped from the due set and not returned.</remarks>
    public async Task<IReadOnlyList<ClaimedFeed>> ClaimAsync(int max, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        var now = NowMs();
        var tokenPrefix = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}.{Interlocked.Increment(ref _claims)}.");
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await connection.ScriptEvaluateAsync(
            DueQueueScripts.Claim,
            SetKeys,
            [now, max, now + (long)leaseDuration.TotalMilliseconds, tokenPrefix, DueQueueScripts.FeedKeyPrefix],
            cancellationToken).ConfigureAwait(false);

        var items = reply.Items;
        var claimed = new ClaimedFeed[items.Count / 5];
        for (var i = 0; i < claimed.Length; i++)
        {
            var at = i * 5;
            claimed[i] = new ClaimedFeed(
                Guid.ParseExact(items[at].AsString()!, "N"),
                items[at + 1].AsString()!,
                items[at + 2].AsString()!,
                DateTimeOffset.FromUnixTimeMilliseconds((long)items[at + 3].AsDouble()),
                items[at + 4].AsString()!);
        }

        return claimed;
    }

    /// <summary>
    /// Hands a claimed feed back unpolled, due at <paramref name="dueAt"/> (also stored as its next check).
    /// False when the lease is no longer this claim's (reaped, or committed already); nothing changes then.
    /// </summary>
    public async Task<bool> ReleaseAsync(ClaimedFeed feed, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await connection.ScriptEvaluateAsync(
            DueQueueScripts.Release,
            [UpdaterKeys.Due, UpdaterKeys.Leases, UpdaterKeys.Feed(feed.FeedId)],
            [feed.LeaseToken, dueAt.ToUnixTimeMilliseconds(), feed.FeedId.ToString("N")],
            cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    /// <summary>Moves every lease that expired before now back to due (at now) and clears its token. Returns how many.</summary>
    public async Task<int> ReapExpiredLeasesAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var reaped = (int)(await connection.ScriptEvaluateAsync(
                DueQueueScripts.Reap, SetKeys, [NowMs(), ReapBatch, DueQueueScripts.FeedKeyPrefix], cancellationToken).ConfigureAwait(false)).AsInt64();
            total += reaped;
            if (reaped < ReapBatch)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Reconciles about <paramref name="maxFeeds"/> registered feeds, continuing where the previous call
    /// stopped (the HSCAN cursor over <c>feeds:byurl</c> is kept in <see cref="SchedulingKeys.ReconcileCursor"/>,
    /// so successive calls, from any instance, walk the whole registry and start over).
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(int maxFeeds, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var cursor = (await connection.StringGetAsync(SchedulingKeys.ReconcileCursor, cancellationToken).ConfigureAwait(false)).ToString();
        var (result, next) = await ScanAsync(connection, string.IsNullOrEmpty(cursor) ? "0" : cursor, maxFeeds, cancellationToken).ConfigureAwait(false);
        await connection.StringSetAsync(SchedulingKeys.ReconcileCursor, next, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reconciles the whole registry in one pass from the top, with a cursor of its own (the chunked one is left alone).</summary>
    public async Task<ReconcileResult> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var (result, _) = await ScanAsync(connection, "0", int.MaxValue, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// A "poll now" hint. Makes a scheduled feed due now unless a hint already did within <paramref name="debounce"/>,
    /// and marks it so its claim reports trigger = hint. A feed being polled is left alone.
    /// </summary>
    public async Task<HintResult> HintAsync(Guid feedId, TimeSpan debounce, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var reply = await connection.ScriptEvaluateAsync(
            DueQueueScripts.Hint,
            [UpdaterKeys.Due, UpdaterKeys.Leases, UpdaterKeys.Feed(feedId)],
            [NowMs(), (long)debounce.TotalMilliseconds, feedId.ToString("N")],
            cancellationToken).ConfigureAwait(false);
        return (HintResult)reply.AsInt64();
    }

    /// <summary>ZCARD of the due set.</summary>
    public async Task<long> CountDueAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SortedSetLengthAsync(UpdaterKeys.Due, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(ReconcileResult Result, string Cursor)> ScanAsync(
        RedisConnection connection, string cursor, int maxFeeds, CancellationToken cancellationToken)
    {
        var result = ReconcileResult.Empty;
        var args = new List<RedisValue>(ScanBatch + 2);
        while (result.Scanned < maxFeeds)
        {
            var count = Math.Min(ScanBatch, maxFeeds - result.Scanned);
            var page = await connection.ExecuteAsync("HSCAN", [UpdaterKeys.ByUrl, cursor, "COUNT", count], cancellationToken).ConfigureAwait(false);
            cursor = page[0].AsString()!;

            // HSCAN pages are flat field, value pairs: URL, feed id.
            var entries = page[1].Items;
            args.Clear();
            args.Add(NowMs());
            args.Add(DueQueueScripts.FeedKeyPrefix);
            for (var i = 1; i < entries.Count; i += 2)
            {
                if (entries[i].AsString() is { Length: 32 } id)
                {
                    args.Add(id);
                }
            }

            var requeued = 0;
            var removed = 0;
            if (args.Count > 2)
            {
                var repaired = await connection.ScriptEvaluateAsync(DueQueueScripts.Repair, SetKeys, args, cancellationToken).ConfigureAwait(false);
                requeued = (int)repaired[0].AsInt64();
                removed = (int)repaired[1].AsInt64();
            }

            var wrapped = cursor == "0";
            result = result.Add(new ReconcileResult(entries.Count / 2, requeued, removed, wrapped));
            if (wrapped)
            {
                break;
            }
        }

        return (result, cursor);
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
