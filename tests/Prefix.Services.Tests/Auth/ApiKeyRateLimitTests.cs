using System.Net;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Auth;

namespace Prefix.Services.Tests.Auth;

public sealed class ApiKeyRateLimitTests(AuthRedisFixture redis) : IClassFixture<AuthRedisFixture>
{
    [Fact]
    public async Task RequireScope_SixthRequestAtFivePerMinute_Answers429ThenRecoversAfterClockAdvance()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint, requestsPerMinute: 5, burst: 5);
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await app.SendAsync(HttpMethod.Get, "v1/demo/read", AuthTestApp.AdminKey);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("5", allowed.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((4 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), allowed.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using (var limited = await app.SendAsync(HttpMethod.Get, "v1/demo/read", AuthTestApp.AdminKey))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            // One token takes 60 / 5 = 12 s to come back.
            var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
            Assert.Equal(TimeSpan.FromSeconds(12), retryAfter);
            Assert.Equal("rate limit of 5 requests per minute exceeded for key 'admin key'; retry after 12 s", await AuthTestApp.ErrorOfAsync(limited));
        }

        app.Clock.Advance(TimeSpan.FromSeconds(11));
        using (var stillLimited = await app.SendAsync(HttpMethod.Get, "v1/demo/read", AuthTestApp.AdminKey))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), stillLimited.Headers.RetryAfter!.Delta!.Value);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await app.SendAsync(HttpMethod.Get, "v1/demo/read", AuthTestApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task RequireScope_KeyWithOwnLimit_IsLimitedByItsOverrideNotTheDefault()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint, requestsPerMinute: 600, burst: 100);
        var (slow, _) = await app.CreateKeyAsync("slow-partner", [ApiScopes.Read], rateLimitPerMinute: 2);
        var (normal, _) = await app.CreateKeyAsync("normal-partner", [ApiScopes.Read]);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await app.SendAsync(HttpMethod.Get, "v1/demo/read", slow);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("2", allowed.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        using (var limited = await app.SendAsync(HttpMethod.Get, "v1/demo/read", slow))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter!.Delta!.Value);
            Assert.Equal("rate limit of 2 requests per minute exceeded for key 'slow-partner'; retry after 30 s", await AuthTestApp.ErrorOfAsync(limited));
        }

        // Buckets are per key: another key is untouched by the first one's exhaustion.
        using var other = await app.SendAsync(HttpMethod.Get, "v1/demo/read", normal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("600", other.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("99", other.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public void TryAcquire_ManyIdleKeys_EvictsRefilledBuckets()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var limiter = new ApiKeyRateLimiter(Options.Create(new AuthOptions { RequestsPerMinute = 60, Burst = 10, MaxRateLimitBuckets = 100 }), clock);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(limiter.TryAcquire(Key($"k{i}")).Allowed);
        }

        Assert.Equal(100, limiter.BucketCount);

        // One token back takes 1 s at 60/min; after that every bucket is full again and carries no state.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(Key("newcomer")).Allowed);
        Assert.Equal(1, limiter.BucketCount);
    }

    [Fact]
    public void TryAcquire_LimitZero_IsUnlimited()
    {
        var limiter = new ApiKeyRateLimiter(Options.Create(new AuthOptions { RequestsPerMinute = 0 }), new ManualClock(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(limiter.TryAcquire(Key("unlimited")).Allowed);
        }

        Assert.Equal(0, limiter.BucketCount);
    }

    private static ApiKey Key(string id) => new(id, id, [ApiScopes.Read], [], DateTimeOffset.UnixEpoch);
}
