namespace Feed.Updater.Fetching;

/// <summary>
/// How feeds and enclosures are fetched. Bound from the <c>Updater:Fetching</c> section
/// (env: <c>Updater__Fetching__Deadline</c>, …) and validated at start-up by <see cref="FetcherOptionsValidator"/>.
/// </summary>
internal sealed class FetcherOptions
{
    public const string Section = "Updater:Fetching";

    /// <summary>
    /// The most decoded (decompressed) body bytes one fetch may produce; counted while streaming, so a gzip bomb
    /// stops here. Default 30 MB (the largest real podcast feeds are a few MB).
    /// </summary>
    public long MaxDecodedBytes { get; set; } = 30L * 1024 * 1024;

    /// <summary>The whole fetch — connect, redirects, headers and body — must finish within this. Default 30 s.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>DNS plus TCP connect to one host. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redirect hops a feed fetch follows. Default 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Allow 127.0.0.0/8 and ::1 (the local stack and tests). Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow RFC 1918, carrier-grade NAT and IPv6 unique-local addresses. Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The User-Agent sent on every request: stable, with a contact URL, so hosts can recognise and reach us.
    /// Default <c>PrefixFeedUpdater/1.0 (+https://github.com/prefix-analytics/prefix)</c>.
    /// </summary>
    public string UserAgent { get; set; } = "PrefixFeedUpdater/1.0 (+https://github.com/prefix-analytics/prefix)";

    /// <summary>Concurrent connections to one host (scheme, host, port). Default 16.</summary>
    public int MaxConnectionsPerServer { get; set; } = 16;

    /// <summary>
    /// How long a pooled connection may live before it is replaced, so DNS changes (and the SSRF check on the new
    /// address) take effect. Default 5 min.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an idle pooled connection is kept. Default 2 min: longer than the gap between polls of feeds on
    /// one busy host, so a 304 reuses a warm connection instead of paying for a new TLS handshake.
    /// </summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The whole enclosure probe (redirects plus the first 10 bytes). Default 10 s.</summary>
    public TimeSpan ProbeDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Redirect hops an enclosure probe follows; enclosure URLs often pass through several tracking prefixes.
    /// Default 10.
    /// </summary>
    public int ProbeMaxRedirects { get; set; } = 10;

    /// <summary>The address policy these options describe.</summary>
    public AddressPolicy AddressPolicy => new(AllowLoopback, AllowPrivateNetworks);
}
