namespace Feed.Updater.Scheduling;

/// <summary>
/// The updater's scheduling: next-check tiers, leases, per-host politeness and the dispatcher's pace.
/// Bound from <c>Updater:Scheduling</c> and validated at start-up (<see cref="SchedulingOptionsValidator"/>).
/// </summary>
internal sealed class SchedulingOptions
{
    public const string Section = "Updater:Scheduling";

    /// <summary>
    /// Run the dispatcher and the maintenance jobs in this instance. Default true; false leaves an
    /// instance that only serves the API (hints and registrations still write to Redis).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Base interval for a feed with an episode in the last 14 days. Default 15 min.</summary>
    public TimeSpan ActiveInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Base interval for a feed whose newest episode is 14–90 days old. Default 1 h.</summary>
    public TimeSpan RecentInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Base interval for a feed whose newest episode is 90 days to 1 year old. Default 6 h.</summary>
    public TimeSpan QuietInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Base interval for a feed older than a year or with no dated episode. Default 24 h.</summary>
    public TimeSpan IdleInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The base interval is clamped to at least this. Default 5 min.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The base interval is clamped to at most this. Default 24 h.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The error backoff doubles per consecutive error up to 2^this. Default 10 (× 1,024).</summary>
    public int MaxBackoffExponent { get; set; } = 10;

    /// <summary>The interval after backoff never exceeds this (unless the base already does). Default 24 h.</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Server hints (TTL, max-age, Expires, Retry-After) may push the next check out at most this far. Default 24 h.</summary>
    public TimeSpan MaxServerHint { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Smallest relative jitter applied to every next check (either sign). Default 0.10.</summary>
    public double MinJitter { get; set; } = 0.10;

    /// <summary>Largest relative jitter applied to every next check (either sign). Default 0.25.</summary>
    public double MaxJitter { get; set; } = 0.25;

    /// <summary>A feed is dead after at least this many failures in a row … Default 30.</summary>
    public int DeadAfterErrors { get; set; } = 30;

    /// <summary>… and no good poll for at least this long. Default 14 days.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often a dead feed is still checked. Default 30 days.</summary>
    public TimeSpan DeadInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a claim holds a feed; a poll that is not committed by then is reaped and re-queued. Default 2 min.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the dispatcher claims due feeds. Default 250 ms.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls running at once in this instance. Default 200.</summary>
    public int MaxConcurrentPolls { get; set; } = 200;

    /// <summary>Most feeds claimed per dispatch. Default 500.</summary>
    public int ClaimBatch { get; set; } = 500;

    /// <summary>How long a claimed feed waits for its host's budget before it is handed back. Default 2 s.</summary>
    public TimeSpan HostWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A feed whose host had no budget is due again this much later. Default 5 s.</summary>
    public TimeSpan HostDeferDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Polls at once per registrable domain. Default 8.</summary>
    public int HostConcurrency { get; set; } = 8;

    /// <summary>Polls started per second per registrable domain (token bucket; the burst is one second's worth). Default 20.</summary>
    public double HostRatePerSecond { get; set; } = 20;

    /// <summary>Per-domain limits that replace the defaults, keyed by registrable domain or IP literal (e.g. <c>127.0.0.1</c>). Default none.</summary>
    public Dictionary<string, HostLimitOptions> HostOverrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Domains tracked before idle ones are evicted (bounds the budget's memory). Default 10,000.</summary>
    public int MaxTrackedHosts { get; set; } = 10_000;

    /// <summary>How often expired leases are re-queued. Default 15 s.</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often one chunk of the registry is reconciled with the due set. Default 1 min.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Feeds looked at per reconcile run. Default 10,000.</summary>
    public int ReconcileChunk { get; set; } = 10_000;

    /// <summary>How often the full sweep runs. Default 24 h.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When the first daily sweep runs after start. Default 1 h: a full pass over a million feeds keeps Redis busy for a
    /// while, so it must not coincide with every restart's catch-up (the reconcile job repairs drift meanwhile).
    /// </summary>
    public TimeSpan SweepStartDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most one hint-triggered poll per feed per this window (FEEDS.md "Registration"). Default 60 s.</summary>
    public TimeSpan HintDebounce { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long shutdown waits for running polls before cancelling them. Default 20 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
