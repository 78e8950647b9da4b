using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prefix.ClickHouse;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Prefix.Ingest;

/// <summary>
/// Moves hits from the Redis Stream into ClickHouse, acknowledging entries only after their rows are
/// inserted, so a crash or a ClickHouse outage never loses a hit.
/// </summary>
/// <remarks>
/// One batch:
/// <list type="number">
/// <item>Every <see cref="IngestOptions.ClaimInterval"/>, take over entries another consumer left pending
/// longer than <see cref="IngestOptions.ClaimIdle"/> (it crashed); otherwise read new entries (XREADGROUP).</item>
/// <item>Map each entry to a row; an unreadable one is parked with its reason, never retried.</item>
/// <item>Insert the rows; on failure retry the same rows with backoff until ClickHouse takes them.</item>
/// <item>Acknowledge every entry of the batch (rows and parked).</item>
/// </list>
/// Delivery is at least once: a crash between insert and acknowledge inserts a batch twice, with the
/// same hit ids; <c>hits</c> is a ReplacingMergeTree on them and counting reads distinct hit ids.
/// </remarks>
public sealed partial class HitIngestWorker(
    IOptions<IngestOptions> options,
    RedisConnectionProvider redis,
    ClickHouseClient clickHouse,
    HitIngestMapperFactory mappers,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<HitIngestWorker> logger) : BackgroundService
{
    private static readonly RedisValue HitField = "h";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var mapper = mappers.Create();
        RedisConnection? connection = null;
        var nextClaim = time.GetUtcNow();
        var nextTrim = time.GetUtcNow() + settings.TrimInterval;
        var delay = TimeSpan.FromMilliseconds(200);

        // After a start or a Redis failure, this consumer's own unacknowledged entries come first
        // (reading from "0" returns them); then new ones (">").
        var readOwnPending = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    connection ??= await ConnectAsync(settings, stoppingToken).ConfigureAwait(false);
                    IReadOnlyList<StreamEntry> entries = [];
                    if (time.GetUtcNow() >= nextClaim)
                    {
                        entries = await ClaimAbandonedAsync(connection, settings, stoppingToken).ConfigureAwait(false);
                        nextClaim = time.GetUtcNow() + settings.ClaimInterval;
                    }

                    if (entries.Count == 0 && readOwnPending)
                    {
                        entries = await connection.StreamReadGroupAsync(settings.Stream, settings.Group, settings.Consumer, "0", settings.BatchSize, cancellationToken: stoppingToken).ConfigureAwait(false);
                        readOwnPending = entries.Count > 0;
                    }

                    if (entries.Count == 0)
                    {
                        entries = await connection.StreamReadGroupAsync(settings.Stream, settings.Group, settings.Consumer, ">", settings.BatchSize, settings.Block, cancellationToken: stoppingToken).ConfigureAwait(false);
                    }

                    if (entries.Count > 0)
                    {
                        await IngestBatchAsync(connection, mapper, entries, settings, stoppingToken).ConfigureAwait(false);
                    }

                    if (time.GetUtcNow() >= nextTrim)
                    {
                        await TrimAndMeasureAsync(connection, settings, stoppingToken).ConfigureAwait(false);
                        nextTrim = time.GetUtcNow() + settings.TrimInterval;
                    }

                    delay = TimeSpan.FromMilliseconds(200);
                }
                catch (Exception ex) when (ex is RedisException or IOException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    metrics.Failed("redis");
                    readOwnPending = true;
                    if (ex is RedisServerException { Prefix: "NOGROUP" } && connection is not null)
                    {
                        // The stream and its group are gone (Redis restarted without persistence, or the key was
                        // deleted); the connection itself is fine, so without this the loop would retry NOGROUP
                        // forever. Connecting afresh creates the group again from "0", so nothing shipped since is skipped.
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }

                    LogRedisFailed(logger, delay, ex.Message);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    delay = Backoff(delay, settings);
                }
            }
        }
        finally
        {
            // Also when the stop cancels the blocking read: the dedicated connection is ours to close.
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<RedisConnection> ConnectAsync(IngestOptions settings, CancellationToken cancellationToken)
    {
        var connection = await redis.ConnectDedicatedAsync(cancellationToken).ConfigureAwait(false);

        // From "0": entries shipped before the group existed are ingested too.
        await connection.StreamCreateConsumerGroupAsync(settings.Stream, settings.Group, "0", createStream: true, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<IReadOnlyList<StreamEntry>> ClaimAbandonedAsync(RedisConnection connection, IngestOptions settings, CancellationToken cancellationToken)
    {
        var claimed = new List<StreamEntry>();
        var cursor = "0-0";
        do
        {
            var result = await connection.StreamAutoClaimAsync(settings.Stream, settings.Group, settings.Consumer, settings.ClaimIdle, cursor, settings.BatchSize - claimed.Count, cancellationToken).ConfigureAwait(false);
            claimed.AddRange(result.ClaimedEntries);
            cursor = result.NextStartId;
        }
        while (cursor != "0-0" && claimed.Count < settings.BatchSize);

        if (claimed.Count > 0)
        {
            metrics.Claimed(claimed.Count);
        }

        return claimed;
    }

    private async Task IngestBatchAsync(RedisConnection connection, HitRowMapper mapper, IReadOnlyList<StreamEntry> entries, IngestOptions settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = new List<object?[]>(entries.Count);
        var parked = new List<(StreamEntry Entry, string Reason)>();
        foreach (var entry in entries)
        {
            if (entry.IsDeleted)
            {
                continue;
            }

            try
            {
                rows.Add(mapper.Map(entry[HitField].ToByteArray() ?? []));
            }
            catch (PoisonHitException ex)
            {
                parked.Add((entry, ex.Message));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
            {
                // Anything else an entry can make the mapper throw is still that entry's problem: park it
                // rather than let one bad entry stop the ingest (and stop it again after every restart).
                parked.Add((entry, "unexpected: " + ex.Message));
            }
        }

        await InsertUntilStoredAsync(rows, settings, cancellationToken).ConfigureAwait(false);
        foreach (var (entry, reason) in parked)
        {
            // All original fields, not just h: an entry without h would otherwise be parked empty.
            await connection.StreamAddAsync(settings.ParkedStream,
                [new NameValueEntry("id", entry.Id), new NameValueEntry("reason", reason), .. entry.Values],
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (parked.Count > 0)
        {
            metrics.Parked(parked.Count);
            LogParked(logger, parked.Count, parked[0].Reason);
        }

        await connection.StreamAcknowledgeAsync(settings.Stream, settings.Group, entries.Select(e => e.Id).ToList(), cancellationToken).ConfigureAwait(false);
        metrics.Inserted(rows.Count, Stopwatch.GetElapsedTime(started));
    }

    private async Task InsertUntilStoredAsync(List<object?[]> rows, IngestOptions settings, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                // One request for the batch: the client sends it gzip-framed, so a broken request stores nothing.
                await clickHouse.InsertAsync(settings.Table, HitRows.Columns, rows, new QueryOptions { InsertBatchSize = rows.Count }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ClickHouseException ex) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.Failed(ex is ClickHouseServerException ? "clickhouse_server" : "clickhouse_unreachable");
                LogInsertFailed(logger, rows.Count, delay, ex.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = Backoff(delay, settings);
            }
        }
    }

    /// <summary>Drops entries every group has acknowledged, and publishes the backlog gauges.</summary>
    private async Task TrimAndMeasureAsync(RedisConnection connection, IngestOptions settings, CancellationToken cancellationToken)
    {
        var groups = await connection.StreamGroupInfoAsync(settings.Stream, cancellationToken).ConfigureAwait(false);
        string? trimBefore = null;
        foreach (var group in groups)
        {
            var pending = await connection.StreamPendingAsync(settings.Stream, group.Name, cancellationToken).ConfigureAwait(false);
            var keepFrom = pending.PendingMessageCount > 0 ? pending.LowestPendingMessageId! : NextId(group.LastDeliveredId);
            trimBefore = trimBefore is null || StreamIds.Compare(keepFrom, trimBefore) < 0 ? keepFrom : trimBefore;
            if (group.Name == settings.Group)
            {
                metrics.Backlog(group.Lag ?? 0, group.PendingMessageCount);
            }
        }

        if (trimBefore is not null)
        {
            await connection.ExecuteAsync("XTRIM", [settings.Stream, "MINID", "~", trimBefore], cancellationToken).ConfigureAwait(false);
        }
    }

    private static string NextId(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? id : string.Concat(id.AsSpan(0, dash + 1), (ulong.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static TimeSpan Backoff(TimeSpan delay, IngestOptions settings) =>
        TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Ingest: Redis unavailable, retrying in {Delay}: {Reason}")]
    private static partial void LogRedisFailed(ILogger logger, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Ingest: inserting {Rows} rows failed, retrying in {Delay}: {Reason}")]
    private static partial void LogInsertFailed(ILogger logger, int rows, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Ingest: parked {Count} unreadable entries, e.g. {Reason}")]
    private static partial void LogParked(ILogger logger, int count, string reason);
}
