namespace Prefix.Hosting.Auth;

/// <summary>API-key authentication and per-key rate limits (config section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A file holding the admin key (./prefix up writes .prefix/admin-key). Default none.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The admin key itself, for deployments that pass secrets as environment variables. Default none.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// How long a looked-up key (or its absence) is cached in the process. Default 30 s. A key revoked through
    /// DELETE /v1/admin/keys/{id} stops working at once in the instance that served the DELETE, and within this
    /// duration in every other instance.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sustained requests per minute each key may make (token bucket refill rate), unless the key carries its own
    /// <see cref="ApiKey.RateLimitPerMinute"/>. Default 600. Zero or less turns rate limiting off. The buckets live
    /// in each process: N instances behind a load balancer allow up to N × this limit.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Bucket size: how many requests a key that has been quiet may make at once. Default 100. The effective burst
    /// is never larger than the key's per-minute limit, so a key limited to 5/min can never make 100 in a row.
    /// </summary>
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Above this many buckets the limiter forgets idle ones (a bucket that has refilled completely carries no
    /// state worth keeping). Default 10,000.
    /// </summary>
    public int MaxRateLimitBuckets { get; set; } = 10_000;

    /// <summary>Above this many cached lookups expired ones are dropped and unknown keys are no longer cached. Default 10,000.</summary>
    public int MaxCachedKeys { get; set; } = 10_000;
}
