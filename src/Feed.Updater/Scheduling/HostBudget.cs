using Microsoft.Extensions.Options;

namespace Feed.Updater.Scheduling;

/// <summary>
/// Per-host politeness (FEEDS.md "Scheduling"): for each registrable domain, at most
/// <see cref="SchedulingOptions.HostConcurrency"/> polls at once and a token bucket of
/// <see cref="SchedulingOptions.HostRatePerSecond"/> starts per second (burst: one second's worth),
/// with per-domain overrides in <see cref="SchedulingOptions.HostOverrides"/>.
/// </summary>
/// <remarks>
/// One lock guards everything: acquisitions are a few per poll, far below where it would contend, and a
/// single lock makes eviction safe (a domain is dropped only while nothing holds or waits for it).
/// Memory is bounded: past <see cref="SchedulingOptions.MaxTrackedHosts"/> domains, idle ones are evicted
/// (which at worst forgets a partly drained bucket and allows one more burst).
/// Waiting uses the injected <see cref="TimeProvider"/>, so tests drive it with a manual clock.
/// </remarks>
internal sealed class HostBudget(IOptions<SchedulingOptions> options, TimeProvider time)
{
    private readonly SchedulingOptions _options = options.Value;
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _sweepAt = options.Value.MaxTrackedHosts;

    /// <summary>Domains currently tracked.</summary>
    public int TrackedHosts
    {
        get
        {
            lock (_lock)
            {
                return _hosts.Count;
            }
        }
    }

    /// <summary>
    /// Takes one slot and one token of <paramref name="host"/>'s domain, waiting up to <paramref name="maxWait"/>.
    /// Null when the budget did not allow it in time; otherwise dispose the result when the poll ends.
    /// </summary>
    public async ValueTask<IDisposable?> TryAcquireAsync(string host, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var key = RegistrableDomain.Of(host);
        var deadline = time.GetUtcNow() + maxWait;
        while (true)
        {
            var now = time.GetUtcNow();
            Task? released = null;
            TimeSpan wait;
            lock (_lock)
            {
                var state = GetOrAdd(key, host, now);
                state.Refill(now);
                if (state.InFlight < state.Concurrency && state.Tokens >= 1)
                {
                    state.InFlight++;
                    state.Tokens -= 1;
                    return new Lease(this, state);
                }

                if (state.InFlight >= state.Concurrency)
                {
                    state.Released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    released = state.Released.Task;
                    wait = deadline - now;
                }
                else
                {
                    wait = TimeSpan.FromSeconds((1 - state.Tokens) / state.Rate);
                }
            }

            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            await WaitAsync(released, wait < remaining ? wait : remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(Task? released, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (released is null)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stop.Token);
        await Task.WhenAny(released, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private HostState GetOrAdd(string key, string host, DateTimeOffset now)
    {
        if (_hosts.TryGetValue(key, out var state))
        {
            return state;
        }

        if (_hosts.Count >= _sweepAt)
        {
            EvictIdle();
        }

        var limit = _options.HostOverrides.TryGetValue(key, out var byDomain) ? byDomain
            : _options.HostOverrides.TryGetValue(host, out var byHost) ? byHost
            : null;
        state = new HostState(
            limit?.Concurrency ?? _options.HostConcurrency,
            limit?.RatePerSecond ?? _options.HostRatePerSecond,
            now);
        _hosts.Add(key, state);
        return state;
    }

    private void EvictIdle()
    {
        foreach (var (key, state) in _hosts)
        {
            if (state.InFlight == 0 && state.Released is null)
            {
                _hosts.Remove(key);
            }
        }

        // If most domains are busy, do not sweep again on every new one: wait until a quarter more arrived.
        _sweepAt = Math.Max(_options.MaxTrackedHosts, _hosts.Count + (_options.MaxTrackedHosts / 4));
    }

    private void Release(HostState state)
    {
        lock (_lock)
        {
            state.InFlight--;

            // Wake every waiter of this domain; each re-checks, and the ones that lose wait again.
            state.Released?.TrySetResult();
            state.Released = null;
        }
    }

    private sealed class HostState(int concurrency, double rate, DateTimeOffset now)
    {
        private DateTimeOffset _refilledAt = now;

        public int Concurrency { get; } = concurrency;

        public double Rate { get; } = rate;

        /// <summary>Bucket capacity: one second's worth of starts (at least one).</summary>
        public double Burst { get; } = Math.Max(1, rate);

        public double Tokens { get; set; } = Math.Max(1, rate);

        public int InFlight { get; set; }

        public TaskCompletionSource? Released { get; set; }

        public void Refill(DateTimeOffset now)
        {
            var elapsed = (now - _refilledAt).TotalSeconds;
            if (elapsed > 0)
            {
                Tokens = Math.Min(Burst, Tokens + (elapsed * Rate));
                _refilledAt = now;
            }
        }
    }

    private sealed class Lease(HostBudget budget, HostState state) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(state);
            }
        }
    }
}
