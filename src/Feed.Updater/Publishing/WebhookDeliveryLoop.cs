using System.Globalization;
using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>
/// Delivers one subscription: takes its lock, reads the change stream after the subscription's cursor, and POSTs
/// each accepted event until it gets a 2xx or gives up.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Lock: <see cref="WebhookLock"/> (SET NX PX), renewed every third of its lifetime while delivering and
/// released on stop. Without it this instance retries at each refresh interval.</item>
/// <item>Read: XRANGE with the exclusive start <c>(cursor</c>, a batch at a time; nothing new → wait the poll
/// interval. The shared multiplexed connection never blocks (no XREAD BLOCK on it).</item>
/// <item>Filter: events the subscription does not want are skipped; the cursor moves past them.</item>
/// <item>Deliver: the event JSON exactly as stored, signed (<see cref="WebhookSigner"/>). 2xx → the cursor
/// moves to the event. Anything else → the same event again after 1 s, 2 s, 4 s … (capped); later events wait,
/// so a subscriber sees each feed's events in sequence order. After the last attempt the event goes to the
/// dead-letter stream and the cursor moves on.</item>
/// <item>Record: progress is written by a script that first checks this instance still holds the lock and the
/// subscription still exists, so a deleted subscription's state is not recreated and an instance that lost
/// its lock stops instead of racing the new holder.</item>
/// </list>
/// At least once: the cursor is written after the 2xx, so a crash between the two re-delivers that event.
/// </remarks>
internal sealed partial class WebhookDeliveryLoop(
    WebhookSubscription subscription,
    RedisConnectionProvider redis,
    WebhookSender sender,
    WebhookOptions options,
    WebhookMetrics metrics,
    string owner,
    TimeProvider time,
    ILogger logger)
{
    // KEYS: 1 webhooks hash, 2 state hash, 3 lock, 4 dead-letter stream.
    // ARGV: 1 id, 2 owner, 3 new cursor ('' = keep), 4 delivered increment, 5 last status ('' = leave the attempt
    // fields alone), 6 last error, 7 attempts, 8 now (Unix ms), 9 dead-letter event ('' = none), 10 stream id,
    // 11 dead-letter max length. Returns 1 done, 0 lock lost, -1 subscription deleted.
    private static readonly LuaScript RecordScript = new("""
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
        if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
        if ARGV[9] ~= '' then
          redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[11], '*', 'event', ARGV[9], 'reason', ARGV[6], 'attempts', ARGV[7], 'streamId', ARGV[10])
        end
        if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'cursor', ARGV[3]) end
        if ARGV[4] ~= '0' then
          redis.call('HINCRBY', KEYS[2], 'delivered', ARGV[4])
          redis.call('HSET', KEYS[2], 'lastDeliveredAt', ARGV[8])
        end
        if ARGV[5] ~= '' then
          redis.call('HSET', KEYS[2], 'lastStatus', ARGV[5], 'lastError', ARGV[6], 'attempts', ARGV[7], 'lastAttemptAt', ARGV[8])
        end
        return 1
        """);

    private readonly string _stateKey = UpdaterKeys.WebhookState(subscription.Id);
    private readonly string _lockKey = WebhookLock.KeyFor(subscription.Id);
    private readonly string _deadLetterKey = UpdaterKeys.WebhookDeadLetters(subscription.Id);

    /// <summary>Unix ms (Redis clock) of the oldest event not yet delivered; 0 when caught up or not delivering.</summary>
    private long _headMilliseconds;

    public string WebhookId => subscription.Id;

    /// <summary>Seconds between now and the oldest undelivered event (the lag gauge).</summary>
    public double LagSeconds()
    {
        var head = Interlocked.Read(ref _headMilliseconds);
        return head == 0 ? 0 : Math.Max(0, (time.GetUtcNow().ToUnixTimeMilliseconds() - head) / 1000.0);
    }

    /// <summary>Runs until cancelled or until the subscription is deleted.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var lag = metrics.TrackLag(subscription.Id, LagSeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
                var held = new WebhookLock(connection, subscription.Id, owner, options.LockTtl);
                if (!await held.TryAcquireAsync(cancellationToken).ConfigureAwait(false))
                {
                    await Task.Delay(options.RefreshInterval, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                LogLockAcquired(logger, subscription.Id, owner);
                if (await HoldAsync(connection, held, cancellationToken).ConfigureAwait(false) == Progress.SubscriptionGone)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or IOException)
            {
                LogRedisError(logger, subscription.Id, e.Message);
                await DelayQuietlyAsync(options.RefreshInterval, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref _headMilliseconds, 0);
            }
        }
    }

    private async Task<Progress> HoldAsync(RedisConnection connection, WebhookLock held, CancellationToken cancellationToken)
    {
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(held, lease);
        try
        {
            var progress = await DeliverAsync(connection, lease.Token).ConfigureAwait(false);
            if (progress == Progress.LockLost)
            {
                LogLockLost(logger, subscription.Id);
            }

            return progress;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLockLost(logger, subscription.Id);
            return Progress.LockLost;
        }
        finally
        {
            await lease.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            try
            {
                // Not the stopping token: the lock should be freed on shutdown so another instance takes over at once.
                await held.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (RedisException e)
            {
                LogRedisError(logger, subscription.Id, e.Message);
            }
        }
    }

    /// <summary>Renews the lock until the lease ends; cancels the lease when the lock is found lost.</summary>
    private async Task RenewAsync(WebhookLock held, CancellationTokenSource lease)
    {
        var interval = options.LockTtl / 3;
        while (!lease.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, lease.Token).ConfigureAwait(false);
                if (!await held.RenewAsync(lease.Token).ConfigureAwait(false))
                {
                    await lease.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException e)
            {
                // Keep trying: if Redis stays away past the TTL, the record script's owner check stops this instance.
                LogRedisError(logger, subscription.Id, e.Message);
            }
        }
    }

    private async Task<Progress> DeliverAsync(RedisConnection connection, CancellationToken cancellationToken)
    {
        var stored = await connection.HashGetAsync(_stateKey, WebhookStateFields.Cursor, cancellationToken).ConfigureAwait(false);
        var cursor = stored.IsNull || !ChangeLogCursor.IsValid(stored.ToString()) ? ChangeLogCursor.Start : stored.ToString()!;
        while (true)
        {
            var entries = ChangeLogCursor.IsLargest(cursor)
                ? []
                : await connection.StreamRangeAsync(UpdaterKeys.Changes, "(" + cursor, "+", options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                Interlocked.Exchange(ref _headMilliseconds, 0);
                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Once per batch, not per event: a subscription deleted since the last refresh gets no further POSTs.
            if ((await connection.ExecuteAsync("HEXISTS", [UpdaterKeys.Webhooks, subscription.Id], cancellationToken).ConfigureAwait(false)).AsInt64() == 0)
            {
                return Progress.SubscriptionGone;
            }

            string? skippedTo = null;
            foreach (var entry in entries)
            {
                Interlocked.Exchange(ref _headMilliseconds, ChangeLogCursor.Milliseconds(entry.Id) ?? 0);
                if (ReadEvent(entry) is not { } change || !subscription.Accepts(change.Type, change.FeedId))
                {
                    skippedTo = entry.Id;
                    continue;
                }

                var progress = await DeliverWithRetriesAsync(connection, entry.Id, change, cancellationToken).ConfigureAwait(false);
                if (progress != Progress.Recorded)
                {
                    return progress;
                }

                cursor = entry.Id;
                skippedTo = null;
            }

            if (skippedTo is not null)
            {
                // Skipped events trailing the batch: one cursor write for all of them.
                var progress = await RecordAsync(connection, skippedTo, delivered: false, attempt: null, dead: null, cancellationToken).ConfigureAwait(false);
                if (progress != Progress.Recorded)
                {
                    return progress;
                }

                cursor = skippedTo;
            }
        }
    }

    private async Task<Progress> DeliverWithRetriesAsync(RedisConnection connection, string streamId, ChangeLogEntry change, CancellationToken cancellationToken)
    {
        // The header carries the event's own id (receivers dedupe by it); the stream id stands in if the JSON lacks one.
        var eventId = change.ReadEventId() ?? streamId;
        for (var attempt = 1; ; attempt++)
        {
            var result = await sender.PostAsync(subscription, change.Json, eventId, change.Type, attempt, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                metrics.Delivered(result.Duration);
                LogDelivered(logger, subscription.Id, streamId, result.Status, attempt);

                // Not the stopping token: a shutdown right after the 2xx should still record it, or the event goes out twice.
                return await RecordAsync(connection, streamId, delivered: true, (result, 0), dead: null, CancellationToken.None).ConfigureAwait(false);
            }

            metrics.Failed(result.Duration);
            if (attempt >= options.MaxAttempts)
            {
                metrics.DeadLettered();
                LogDeadLettered(logger, subscription.Id, streamId, attempt, result.Error!);
                return await RecordAsync(connection, streamId, delivered: false, (result, attempt), change.Json, CancellationToken.None).ConfigureAwait(false);
            }

            var recorded = await RecordAsync(connection, cursor: null, delivered: false, (result, attempt), dead: null, cancellationToken).ConfigureAwait(false);
            if (recorded != Progress.Recorded)
            {
                return recorded;
            }

            var backoff = Backoff(attempt);
            LogAttemptFailed(logger, subscription.Id, streamId, attempt, result.Error!, backoff);
            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>InitialBackoff × 2^(attempt−1), capped at MaxBackoff.</summary>
    private TimeSpan Backoff(int failedAttempts)
    {
        var ticks = options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 40));
        return ticks >= options.MaxBackoff.Ticks ? options.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private async Task<Progress> RecordAsync(
        RedisConnection connection,
        string? cursor,
        bool delivered,
        (WebhookAttempt Result, int Attempts)? attempt,
        byte[]? dead,
        CancellationToken cancellationToken)
    {
        var reply = await connection.ScriptEvaluateAsync(
            RecordScript,
            [UpdaterKeys.Webhooks, _stateKey, _lockKey, _deadLetterKey],
            [
                subscription.Id,
                owner,
                cursor ?? string.Empty,
                delivered ? 1 : 0,
                attempt is { } a ? a.Result.Status.ToString(CultureInfo.InvariantCulture) : string.Empty,
                attempt?.Result.Error ?? string.Empty,
                attempt?.Attempts ?? 0,
                time.GetUtcNow().ToUnixTimeMilliseconds(),
                dead is null ? RedisValue.EmptyString : dead,
                cursor ?? string.Empty,
                options.DeadLetterMaxLength,
            ],
            cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() switch
        {
            1 => Progress.Recorded,
            0 => Progress.LockLost,
            _ => Progress.SubscriptionGone,
        };
    }

    /// <summary>The entry, or null (logged) when it is not in the outbox format.</summary>
    private ChangeLogEntry? ReadEvent(StreamEntry entry)
    {
        var change = ChangeLogEntry.FromStream(entry);
        if (change is null)
        {
            LogMalformedEntry(logger, subscription.Id, entry.Id);
        }

        return change;
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private enum Progress
    {
        Recorded,
        LockLost,
        SubscriptionGone,
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Debug, Message = "Webhook {WebhookId}: delivery lock taken by {Owner}")]
    private static partial void LogLockAcquired(ILogger logger, string webhookId, string owner);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: delivery lock lost; another instance may deliver it now")]
    private static partial void LogLockLost(ILogger logger, string webhookId);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Debug, Message = "Webhook {WebhookId}: {StreamId} delivered ({Status}) at attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string webhookId, string streamId, int status, int attempt);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Information, Message = "Webhook {WebhookId}: {StreamId} attempt {Attempt} failed ({Error}); next attempt in {Backoff}")]
    private static partial void LogAttemptFailed(ILogger logger, string webhookId, string streamId, int attempt, string error, TimeSpan backoff);

    [LoggerMessage(EventId = 4614, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: {StreamId} dead-lettered after {Attempts} attempts ({Error})")]
    private static partial void LogDeadLettered(ILogger logger, string webhookId, string streamId, int attempts, string error);

    [LoggerMessage(EventId = 4615, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: change-log entry {StreamId} lacks the feed/type/event fields; skipped")]
    private static partial void LogMalformedEntry(ILogger logger, string webhookId, string streamId);

    [LoggerMessage(EventId = 4616, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: Redis error, retrying: {Error}")]
    private static partial void LogRedisError(ILogger logger, string webhookId, string error);
}
