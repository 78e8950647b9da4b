using Microsoft.Extensions.Options;

namespace Feed.Updater.Scheduling;

/// <summary>
/// Turns due feeds into running polls. Called every <see cref="SchedulingOptions.DispatchInterval"/> by
/// <see cref="Jobs.DispatchDueFeedsJob"/>; several instances may dispatch from the same Redis at once.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Capacity is <see cref="SchedulingOptions.MaxConcurrentPolls"/> minus the polls still running here;
/// up to <see cref="SchedulingOptions.ClaimBatch"/> of it is claimed (<see cref="DueQueue.ClaimAsync"/>), so an
/// instance never leases more than it can start and a busy one leaves work to the others.</item>
/// <item>Each claimed feed runs on its own task: it waits up to <see cref="SchedulingOptions.HostWait"/> for its
/// host's budget (<see cref="HostBudget"/>); without it the feed is handed back due in
/// <see cref="SchedulingOptions.HostDeferDelay"/>.</item>
/// <item>The dispatch lag (poll start − due time) is recorded, then the <see cref="IFeedPollHandler"/> polls and
/// commits. A handler that throws is logged; its lease expires and the reaper re-queues the feed.</item>
/// <item><see cref="StopAsync"/> stops claiming and waits for running polls (up to
/// <see cref="SchedulingOptions.DrainTimeout"/>), then cancels the rest.</item>
/// </list>
/// Polls run under the dispatcher's own lifetime, not the job's: a dispatch returns as soon as the polls started.
/// </remarks>
internal sealed class FeedDispatcher : IDisposable
{
    private readonly DueQueue _queue;
    private readonly HostBudget _budget;
    private readonly IFeedPollHandler _handler;
    private readonly SchedulingOptions _options;
    private readonly SchedulingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _polls = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _stopping;

    public FeedDispatcher(
        DueQueue queue,
        HostBudget budget,
        IFeedPollHandler handler,
        IOptions<SchedulingOptions> options,
        SchedulingMetrics metrics,
        TimeProvider time,
        ILogger<FeedDispatcher> logger)
    {
        _queue = queue;
        _budget = budget;
        _handler = handler;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        metrics.ObserveInFlight(() => InFlight);
    }

    /// <summary>Polls started here and not finished yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Claims what capacity allows and starts a poll for each. Returns how many were claimed.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var capacity = _options.MaxConcurrentPolls - InFlight;
        if (Volatile.Read(ref _stopping) == 1 || capacity <= 0)
        {
            return 0;
        }

        var claimed = await _queue.ClaimAsync(Math.Min(capacity, _options.ClaimBatch), _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        _metrics.Claimed(claimed.Count);
        foreach (var feed in claimed)
        {
            Interlocked.Increment(ref _inFlight);

            // Task.Run: a handler's synchronous start must not hold up the rest of the batch.
            _ = Task.Run(() => RunAsync(feed), CancellationToken.None);
        }

        return claimed.Count;
    }

    /// <summary>Stops claiming, waits for running polls up to <see cref="SchedulingOptions.DrainTimeout"/>, then cancels what is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A full fence between the flag and the count read, so a poll finishing right now either sees the
        // flag (and signals) or is already counted out.
        Interlocked.Exchange(ref _stopping, 1);
        if (InFlight == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(_options.DrainTimeout, _time, timeout.Token);
        if (await Task.WhenAny(_drained.Task, delay).ConfigureAwait(false) == _drained.Task)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            return;
        }

        _logger.DrainTimedOut(InFlight, _options.DrainTimeout);
        await _polls.CancelAsync().ConfigureAwait(false);

        // Cancelled polls unwind quickly; do not let one that ignores its token hold the host forever.
        await Task.WhenAny(_drained.Task, Task.Delay(TimeSpan.FromSeconds(5), _time, cancellationToken)).ConfigureAwait(false);
    }

    public void Dispose() => _polls.Dispose();

    private async Task RunAsync(ClaimedFeed feed)
    {
        var cancellationToken = _polls.Token;
        try
        {
            using var slot = await _budget.TryAcquireAsync(HostOf(feed.Url), _options.HostWait, cancellationToken).ConfigureAwait(false);
            if (slot is null)
            {
                _metrics.Deferred();
                await _queue.ReleaseAsync(feed, _time.GetUtcNow() + _options.HostDeferDelay, cancellationToken).ConfigureAwait(false);
                return;
            }

            _metrics.Dispatched(_time.GetUtcNow() - feed.DueAt);
            await _handler.PollAsync(feed, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown gave up waiting: the lease expires and another instance polls the feed.
        }
#pragma warning disable CA1031 // One feed's failure must never take down the dispatcher; the lease makes it retried.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _metrics.PollFailed();
            _logger.PollFailed(feed.FeedId, e);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _stopping) == 1)
            {
                _drained.TrySetResult();
            }
        }
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : url;
}
