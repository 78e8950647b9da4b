namespace Feed.Updater.Fetching;

/// <summary>Builds the long-lived HTTP clients of the fetcher and the enclosure probe.</summary>
internal static class FetchHandlerFactory
{
    /// <summary>
    /// One client over a <see cref="SocketsHttpHandler"/> whose connections are reused per host (a new TLS
    /// handshake costs ~40× a 304 on a warm connection, FEEDS.md "Scheduling") and which connects only through
    /// <see cref="SsrfGuard"/>. Redirects, decompression and cookies are off: the caller does them by hand.
    /// </summary>
    /// <param name="options">The fetching options.</param>
    /// <param name="maxResponseDrainBytes">
    /// How much of an unread body the handler may drain to keep a connection (the probe passes 0: it must never
    /// download the rest of an audio file just to reuse a socket).
    /// </param>
    public static HttpClient Create(FetcherOptions options, int maxResponseDrainBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,

            // A proxy would make the connect callback check the proxy's address instead of the feed host's.
            UseProxy = false,
            ConnectCallback = SsrfGuard.CreateConnectCallback(options.AddressPolicy, options.ConnectTimeout),
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            MaxResponseDrainSize = maxResponseDrainBytes,
            ResponseDrainTimeout = TimeSpan.FromSeconds(2),
        };

        // Deadlines are per fetch (a linked CancellationTokenSource), so the client-wide timeout is off.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
