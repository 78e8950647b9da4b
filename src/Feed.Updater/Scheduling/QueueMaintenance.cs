using Microsoft.Extensions.Options;

namespace Feed.Updater.Scheduling;

/// <summary>The periodic upkeep of the due set: reaping leases, reconciling drift, the daily sweep. Jobs call one method each.</summary>
internal sealed class QueueMaintenance(
    DueQueue queue,
    IOptions<SchedulingOptions> options,
    SchedulingMetrics metrics,
    ILogger<QueueMaintenance> logger)
{
    /// <summary>Re-queues expired leases (crashed or stuck instances). Returns how many.</summary>
    public async Task<int> ReapAsync(CancellationToken cancellationToken)
    {
        var reaped = await queue.ReapExpiredLeasesAsync(cancellationToken).ConfigureAwait(false);
        if (reaped > 0)
        {
            metrics.Reaped(reaped);
            logger.LeasesReaped(reaped);
        }

        return reaped;
    }

    /// <summary>Reconciles one chunk (<see cref="SchedulingOptions.ReconcileChunk"/>) and refreshes the cached due count.</summary>
    public async Task<ReconcileResult> ReconcileChunkAsync(CancellationToken cancellationToken)
    {
        var result = await queue.ReconcileAsync(options.Value.ReconcileChunk, cancellationToken).ConfigureAwait(false);
        var due = await queue.CountDueAsync(cancellationToken).ConfigureAwait(false);
        metrics.DueCount(due);
        if (result.Requeued > 0 || result.Removed > 0)
        {
            logger.Reconciled(result.Scanned, result.Requeued, result.Removed, due);
        }

        return result;
    }

    /// <summary>
    /// The daily unconditional sweep: one full reconcile pass over every registered feed, so each one that
    /// should be scheduled is in the due set (or leased) whatever drift happened. The "unconditional" part of
    /// FEEDS.md "Fetching" (a fetch without validators at least daily) is the poller's: it drops ETag and
    /// Last-Modified when its last unconditional fetch is over 24 h old. Together: every feed is queued, and
    /// every queued feed is checked at least daily (the tiers cap the interval at 24 h).
    /// </summary>
    public async Task<ReconcileResult> SweepAsync(CancellationToken cancellationToken)
    {
        var result = await queue.ReconcileAllAsync(cancellationToken).ConfigureAwait(false);
        var due = await queue.CountDueAsync(cancellationToken).ConfigureAwait(false);
        metrics.DueCount(due);
        logger.Swept(result.Scanned, result.Requeued, result.Removed, due);
        return result;
    }
}
