namespace Feed.Updater.Fetching;

/// <summary>What a fetch produced. Expected failures are outcomes, not exceptions (STYLE.md point 6).</summary>
internal sealed record FeedFetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The final response's status code; 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>The URL the final response came from (after temporary or permanent redirects).</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>The decoded body (Outcome = Content); null otherwise.</summary>
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    /// <summary>The longest of Cache-Control max-age and Expires − Date, when the server sent them.</summary>
    public TimeSpan? CacheLifetime { get; init; }

    /// <summary>Retry-After (seconds or HTTP-date) on 429/503.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When every hop of the chain was a permanent redirect (301/308): where the chain ended.</summary>
    public Uri? PermanentRedirectTarget { get; init; }

    /// <summary>A reason a person can act on for every outcome other than Content and NotModified.</summary>
    public string? Error { get; init; }

    public TimeSpan Elapsed { get; init; }
}

internal enum FetchOutcome
{
    /// <summary>2xx with a body that passed the caps.</summary>
    Content,

    /// <summary>304.</summary>
    NotModified,

    /// <summary>410: the feed is gone for good.</summary>
    Gone,

    /// <summary>404 and other 4xx except 410 and 429.</summary>
    ClientError,

    /// <summary>429 or 503 (Retry-After honoured).</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>The deadline or the connect timeout passed.</summary>
    Timeout,

    /// <summary>Decoded body (or its Content-Length) over the cap (gzip bombs), or stacked or unknown content encodings: a body that is not read.</summary>
    TooLarge,

    /// <summary>A redirect loop, more than 5 hops, a https→http downgrade or a non-http(s) Location.</summary>
    BadRedirect,

    /// <summary>The SSRF guard refused the address (loopback, private, link-local, metadata).</summary>
    Blocked,

    /// <summary>DNS, connection refused/reset, TLS failure.</summary>
    NetworkError,
}
