namespace Feed.Updater.Publishing;

/// <summary>
/// Webhook delivery settings, bound from <c>Updater:Webhooks</c> (env: <c>Updater__Webhooks__MaxAttempts</c>, …)
/// and checked at start-up by <see cref="WebhookOptionsValidator"/>.
/// </summary>
internal sealed class WebhookOptions
{
    public const string Section = "Updater:Webhooks";

    /// <summary>How often the worker re-reads the subscription list (new ones start, deleted ones stop) and retries a lock another instance holds. Default 5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a caught-up subscription waits before looking at the change stream again. Default 200 ms (FEEDS.md: change → notification p99 &lt; 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Stream entries read per XRANGE. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long one POST may take (connect, headers); longer is a failed attempt. Default 10 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TCP connect timeout of the webhook client. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the second attempt; it doubles per attempt up to <see cref="MaxBackoff"/>. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts. Default 5 min.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per event before it is dead-lettered and delivery moves on. Default 8 (about 2 min of retrying with the default backoff).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Lifetime of the per-subscription delivery lock; renewed every third of it while delivering. Default 30 s.</summary>
    public TimeSpan LockTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most subscriptions the registry accepts. Default 100.</summary>
    public int MaxSubscriptions { get; set; } = 100;

    /// <summary>Dead letters kept per subscription (older ones are trimmed, approximately). Default 10,000.</summary>
    public int DeadLetterMaxLength { get; set; } = 10_000;

    /// <summary>
    /// Connect through the SSRF guard (loopback, private, link-local and metadata addresses refused). Default true;
    /// only tests turn it off.
    /// </summary>
    public bool UseAddressGuard { get; set; } = true;

    /// <summary>Let webhooks reach loopback addresses (the local stack and demos). Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Let webhooks reach private networks (RFC 1918, ULA). Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }
}
