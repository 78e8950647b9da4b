using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Prefix.Redis;

namespace Feed.Updater.Tests.Scheduling;

public sealed class DueQueueTests(PrivateRedis redis) : IClassFixture<PrivateRedis>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ClaimAsync_MixedSet_OnlyDueOldestFirstWithLeasesAndTokens()
    {
        var (queue, db, clock) = await SetUpAsync();
        var middle = await FeedSeeder.AddAsync(db, "https://b.example/feed", Start.AddSeconds(-2));
        var newest = await FeedSeeder.AddAsync(db, "https://c.example/feed", Start.AddSeconds(-1));
        var oldest = await FeedSeeder.AddAsync(db, "https://a.example/feed", Start.AddSeconds(-3));
        var future = await FeedSeeder.AddAsync(db, "https://d.example/feed", Start.AddSeconds(10));
        var gone = await FeedSeeder.AddAsync(db, "https://e.example/feed", Start.AddSeconds(-5), status: "gone");

        var claimed = await queue.ClaimAsync(10, Lease, CancellationToken.None);

        Assert.Equal([oldest, middle, newest], claimed.Select(c => c.FeedId));
        Assert.Equal("https://a.example/feed", claimed[0].Url);
        Assert.Equal(Start.AddSeconds(-3), claimed[0].DueAt);
        Assert.All(claimed, c => Assert.Equal("poll", c.Trigger));
        Assert.Equal(3, claimed.Select(c => c.LeaseToken).Distinct().Count());
        foreach (var feed in claimed)
        {
            Assert.Null(await FeedSeeder.DueScoreAsync(db, feed.FeedId));
            Assert.Equal((Start + Lease).ToUnixTimeMilliseconds(), await FeedSeeder.LeaseScoreAsync(db, feed.FeedId));
            Assert.Equal(feed.LeaseToken, await FeedSeeder.FieldAsync(db, feed.FeedId, FeedStateFields.LeaseToken));
        }

        Assert.NotNull(await FeedSeeder.DueScoreAsync(db, future));
        Assert.Null(await FeedSeeder.DueScoreAsync(db, gone));
        Assert.Null(await FeedSeeder.LeaseScoreAsync(db, gone));
    }

    [Fact]
    public async Task ClaimAsync_MoreDueThanMax_TakesMaxAndLeavesTheRest()
    {
        var (queue, db, _) = await SetUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await FeedSeeder.AddAsync(db, $"https://example.com/{i}", Start.AddSeconds(-i));
        }

        var first = await queue.ClaimAsync(3, Lease, CancellationToken.None);
        var second = await queue.ClaimAsync(3, Lease, CancellationToken.None);
        var third = await queue.ClaimAsync(3, Lease, CancellationToken.None);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Empty(first.Select(f => f.LeaseToken).Intersect(second.Select(f => f.LeaseToken)));
    }

    [Fact]
    public async Task ReleaseAsync_WrongToken_DoesNothing()
    {
        var (queue, db, _) = await SetUpAsync();
        var id = await FeedSeeder.AddAsync(db, "https://example.com/feed", Start);
        var claim = (await queue.ClaimAsync(1, Lease, CancellationToken.None)).Single();

        var released = await queue.ReleaseAsync(claim with { LeaseToken = "someone-else.1.1" }, Start.AddMinutes(5), CancellationToken.None);

        Assert.False(released);
        Assert.Null(await FeedSeeder.DueScoreAsync(db, id));
        Assert.NotNull(await FeedSeeder.LeaseScoreAsync(db, id));
        Assert.Equal(claim.LeaseToken, await FeedSeeder.FieldAsync(db, id, FeedStateFields.LeaseToken));
    }

    [Fact]
    public async Task ReleaseAsync_OwnToken_BackToDueAndUnleased()
    {
        var (queue, db, _) = await SetUpAsync();
        var id = await FeedSeeder.AddAsync(db, "https://example.com/feed", Start);
        var claim = (await queue.ClaimAsync(1, Lease, CancellationToken.None)).Single();

        Assert.True(await queue.ReleaseAsync(claim, Start.AddSeconds(5), CancellationToken.None));
        Assert.False(await queue.ReleaseAsync(claim, Start.AddSeconds(5), CancellationToken.None));

        Assert.Equal(Start.AddSeconds(5).ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, id));
        Assert.Null(await FeedSeeder.LeaseScoreAsync(db, id));
        Assert.Null(await FeedSeeder.FieldAsync(db, id, FeedStateFields.LeaseToken));
    }

    [Fact]
    public async Task ReapExpiredLeasesAsync_ExpiredLease_RequeuedAndStaleTokenFenced()
    {
        var (queue, db, clock) = await SetUpAsync();
        var stuck = await FeedSeeder.AddAsync(db, "https://example.com/stuck", Start);
        var stale = (await queue.ClaimAsync(1, Lease, CancellationToken.None)).Single();
        clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await FeedSeeder.AddAsync(db, "https://example.com/fresh", clock.GetUtcNow());
        var freshClaim = (await queue.ClaimAsync(1, Lease, CancellationToken.None)).Single();

        Assert.Equal(0, await queue.ReapExpiredLeasesAsync(CancellationToken.None));
        clock.Advance(Lease);
        var reaped = await queue.ReapExpiredLeasesAsync(CancellationToken.None);

        Assert.Equal(1, reaped);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, stuck));
        Assert.Null(await FeedSeeder.LeaseScoreAsync(db, stuck));
        Assert.Null(await FeedSeeder.FieldAsync(db, stuck, FeedStateFields.LeaseToken));
        Assert.False(await queue.ReleaseAsync(stale, clock.GetUtcNow(), CancellationToken.None));
        Assert.NotNull(await FeedSeeder.LeaseScoreAsync(db, fresh));
        Assert.Equal(freshClaim.LeaseToken, await FeedSeeder.FieldAsync(db, fresh, FeedStateFields.LeaseToken));

        var again = (await queue.ClaimAsync(5, Lease, CancellationToken.None)).Single();
        Assert.Equal(stuck, again.FeedId);
        Assert.NotEqual(stale.LeaseToken, again.LeaseToken);
    }

    [Fact]
    public async Task HintAsync_Repeated_DebouncedForAMinuteThenScheduledAgain()
    {
        var (queue, db, clock) = await SetUpAsync();
        var id = await FeedSeeder.AddAsync(db, "https://example.com/feed", Start.AddHours(1));
        var debounce = TimeSpan.FromSeconds(60);

        Assert.Equal(HintResult.Scheduled, await queue.HintAsync(id, debounce, CancellationToken.None));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, id));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HintResult.Debounced, await queue.HintAsync(id, debounce, CancellationToken.None));

        var claim = (await queue.ClaimAsync(5, Lease, CancellationToken.None)).Single();
        Assert.Equal("hint", claim.Trigger);
        Assert.Null(await FeedSeeder.FieldAsync(db, id, FeedStateFields.HintPending));
        Assert.Equal(HintResult.InProgress, await queue.HintAsync(id, debounce, CancellationToken.None));

        Assert.True(await queue.ReleaseAsync(claim, clock.GetUtcNow().AddHours(1), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HintResult.Scheduled, await queue.HintAsync(id, debounce, CancellationToken.None));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, id));
        Assert.Equal(HintResult.NotFound, await queue.HintAsync(Guid.NewGuid(), debounce, CancellationToken.None));
    }

    [Fact]
    public async Task ReconcileAsync_Drift_RequeuesMissingAndRemovesGone()
    {
        var (queue, db, _) = await SetUpAsync();
        var missing = await FeedSeeder.AddAsync(db, "https://example.com/missing", dueAt: null, nextCheck: Start.AddMinutes(7));
        var missingNoNext = await FeedSeeder.AddAsync(db, "https://example.com/missing2", dueAt: null, status: "erroring");
        var deregistered = await FeedSeeder.AddAsync(db, "https://example.com/dereg", Start.AddMinutes(1), status: "deregistered");
        var healthy = await FeedSeeder.AddAsync(db, "https://example.com/ok", Start.AddMinutes(3));
        var leased = await FeedSeeder.AddAsync(db, "https://example.com/leased", Start.AddMinutes(-1));
        Assert.Equal(leased, (await queue.ClaimAsync(1, Lease, CancellationToken.None)).Single().FeedId);

        var result = await queue.ReconcileAsync(10_000, CancellationToken.None);

        Assert.Equal(new ReconcileResult(5, 2, 1, true), result);
        Assert.Equal(Start.AddMinutes(7).ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, missing));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, missingNoNext));
        Assert.Null(await FeedSeeder.DueScoreAsync(db, deregistered));
        Assert.Equal(Start.AddMinutes(3).ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, healthy));
        Assert.Null(await FeedSeeder.DueScoreAsync(db, leased));
        Assert.Equal(new ReconcileResult(5, 0, 0, true), await queue.ReconcileAsync(10_000, CancellationToken.None));
    }

    [Fact]
    public async Task ReconcileAsync_Chunks_CursorWalksTheRegistryAndWraps()
    {
        var (queue, db, _) = await SetUpAsync();
        var writes = new List<Task>();
        for (var i = 0; i < 2_500; i++)
        {
            writes.Add(FeedSeeder.AddAsync(db, $"https://example.com/{i}", dueAt: null));
        }

        await Task.WhenAll(writes);

        var total = ReconcileResult.Empty;
        var runs = 0;
        while (!total.Wrapped)
        {
            total = total.Add(await queue.ReconcileAsync(1_000, CancellationToken.None));
            runs++;
            Assert.True(runs < 10, "the cursor never wrapped");
        }

        Assert.InRange(runs, 2, 4);
        Assert.Equal(2_500, await queue.CountDueAsync(CancellationToken.None));
        Assert.Equal(2_500, total.Requeued);
        Assert.Equal(new ReconcileResult(2_500, 0, 0, true), await queue.ReconcileAllAsync(CancellationToken.None));
    }

    private async Task<(DueQueue Queue, RedisConnection Db, ManualTimeProvider Clock)> SetUpAsync()
    {
        var provider = await redis.FreshAsync();
        var clock = new ManualTimeProvider(Start);
        return (new DueQueue(provider, clock), await PrivateRedis.ConnectionAsync(provider), clock);
    }
}
