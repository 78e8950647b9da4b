using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Auth;

/// <summary>
/// A token bucket per API key id (the admin key included): capacity min(<see cref="AuthOptions.Burst"/>, limit),
/// refilled continuously at limit / 60 tokens per second, one token per request. Buckets are in-process, so
/// N instances allow N × the limit; that is deliberate (no Redis round trip per request) and documented in
/// <see cref="AuthOptions.RequestsPerMinute"/>. Memory stays bounded: only authenticated keys get a bucket and
/// idle (fully refilled) buckets are dropped once there are more than <see cref="AuthOptions.MaxRateLimitBuckets"/>.
/// </summary>
public sealed class ApiKeyRateLimiter(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    /// <summary>How many buckets are held now (for tests and metrics).</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Takes one token from <paramref name="key"/>'s bucket if it has one.</summary>
    public RateLimitDecision TryAcquire(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var settings = options.Value;
        var limit = key.RateLimitPerMinute ?? settings.RequestsPerMinute;
        if (limit <= 0)
        {
            return new RateLimitDecision(true, 0, 0, 0);
        }

        var capacity = Math.Max(1, Math.Min(settings.Burst, limit));
        var perSecond = limit / 60.0;
        var now = time.GetUtcNow();
        var bucket = _buckets.GetOrAdd(key.Id, static (_, state) => new Bucket(state.capacity, state.now), (capacity, now));
        RateLimitDecision decision;
        lock (bucket)
        {
            var elapsed = Math.Max(0, (now - bucket.Updated).TotalSeconds);
            bucket.Tokens = Math.Min(capacity, bucket.Tokens + (elapsed * perSecond));

            // Refill arithmetic in doubles leaves 0.9999999 where a whole token is due (11 s + 1 s at 5/min);
            // snapping to the whole number keeps Retry-After honest and a client that waited it gets through.
            var whole = Math.Round(bucket.Tokens);
            if (Math.Abs(bucket.Tokens - whole) < 1e-9)
            {
                bucket.Tokens = whole;
            }

            bucket.Updated = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                decision = new RateLimitDecision(true, limit, (int)Math.Floor(bucket.Tokens), 0);
            }
            else
            {
                // Retry-After is whole seconds (RFC 9110 §10.2.3); round up so a client that waits exactly that long succeeds.
                var wait = (int)Math.Ceiling(((1 - bucket.Tokens) / perSecond) - 1e-9);
                decision = new RateLimitDecision(false, limit, 0, Math.Max(1, wait));
            }

            bucket.FullAt = now + TimeSpan.FromSeconds((capacity - bucket.Tokens) / perSecond);
        }

        // Sweeping is O(buckets); when many keys are busy at once it would find little to drop, so at most once a second.
        var nextSweep = Interlocked.Read(ref _nextSweepTicks);
        if (_buckets.Count > settings.MaxRateLimitBuckets && now.UtcTicks >= nextSweep
            && Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerSecond, nextSweep) == nextSweep)
        {
            EvictIdle(now);
        }

        return decision;
    }

    /// <summary>Drops buckets that have refilled completely by <paramref name="now"/>: a new bucket would start the same.</summary>
    public void EvictIdle(DateTimeOffset now)
    {
        foreach (var (id, bucket) in _buckets)
        {
            bool idle;
            lock (bucket)
            {
                idle = bucket.FullAt <= now;
            }

            if (idle)
            {
                _buckets.TryRemove(new KeyValuePair<string, Bucket>(id, bucket));
            }
        }
    }

    /// <summary>Forgets a key's bucket (after it is revoked).</summary>
    public void Forget(string keyId) => _buckets.TryRemove(keyId, out _);

    private sealed class Bucket(double tokens, DateTimeOffset updated)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset Updated { get; set; } = updated;

        public DateTimeOffset FullAt { get; set; } = updated;
    }
}
