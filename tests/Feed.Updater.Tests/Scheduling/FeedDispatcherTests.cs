using System.Diagnostics;
using Feed.Updater.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Health;
using Xunit.Abstractions;

namespace Feed.Updater.Tests.Scheduling;

public sealed class FeedDispatcherTests(PrivateRedis redis, ITestOutputHelper output) : IClassFixture<PrivateRedis>
{
    /// <summary>
    /// The acceptance test: two complete updater stacks over one Redis, 10,000 feeds all due. No feed is
    /// ever polled by both at once, none starves, and the work is shared.
    /// </summary>
    [Fact]
    public async Task DispatchAsync_TwoInstancesTenThousandFeeds_NoDoublePollsNoStarvationFairShare()
    {
        const int Feeds = 10_000;
        var seed = await redis.FreshAsync();
        var db = await PrivateRedis.ConnectionAsync(seed);
        var now = DateTimeOffset.UtcNow;
        var writes = new List<Task>(Feeds);
        for (var i = 0; i < Feeds; i++)
        {
            writes.Add(FeedSeeder.AddAsync(db, $"http://127.0.0.1:8080/feeds/{i}", now.AddMilliseconds(-Feeds + i)));
        }

        await Task.WhenAll(writes);

        var log = new SharedPollLog();
        var stacks = Enumerable.Range(0, 2).Select(i => Stack(redis.Connect(), log, i)).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(12));
        var clock = Stopwatch.StartNew();
        var loops = stacks.Select(s => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await s.Dispatcher.DispatchAsync(CancellationToken.None);
                await Task.Delay(20, CancellationToken.None);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        foreach (var stack in stacks)
        {
            await stack.Dispatcher.StopAsync(CancellationToken.None);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var total = log.PerInstance.Sum();
        var lags = log.Lags.ToArray();
        var steady = SteadyStateLags(log, Feeds);
        output.WriteLine($"{total} polls in {seconds:F1} s = {total / seconds:F0} polls/s; instance 0: {log.PerInstance[0]}, instance 1: {log.PerInstance[1]}");
        output.WriteLine($"dispatch lag p50 {Percentile(lags.Select(l => l.LagMs), 0.5):F0} ms, p99 {Percentile(lags.Select(l => l.LagMs), 0.99):F0} ms (all, incl. the initial 10k backlog)");
        output.WriteLine($"steady state (after every feed was polled once): {steady.Length} polls, lag p50 {Percentile(steady, 0.5):F0} ms, p99 {Percentile(steady, 0.99):F0} ms");
        output.WriteLine($"lost commits: {log.LostCommits}, distinct feeds polled: {log.Polls.Count}");

        Assert.Equal(0, log.Overlaps);
        Assert.Equal(0, log.LostCommits);
        Assert.Equal(Feeds, log.Polls.Count);
        Assert.All(log.PerInstance, n => Assert.InRange(n, total * 0.3, total * 0.7));
        Assert.All(stacks, s => Assert.Equal(0, s.Dispatcher.InFlight));
    }

    [Fact]
    public async Task DispatchAsync_HostBudgetExhausted_FeedDeferredBackToDue()
    {
        var provider = await redis.FreshAsync();
        var db = await PrivateRedis.ConnectionAsync(provider);
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var first = await FeedSeeder.AddAsync(db, "https://a.podhost.example/1", clock.GetUtcNow().AddSeconds(-2));
        var second = await FeedSeeder.AddAsync(db, "https://b.podhost.example/2", clock.GetUtcNow().AddSeconds(-1));
        var handler = new BlockingHandler();
        var options = new SchedulingOptions { HostConcurrency = 1, HostWait = TimeSpan.Zero };
        var queue = new DueQueue(provider, clock);
        using var metrics = new SchedulingMetrics();
        using var dispatcher = new FeedDispatcher(queue, new HostBudget(Options.Create(options), clock), handler, Options.Create(options), metrics, clock, NullLogger<FeedDispatcher>.Instance);

        Assert.Equal(2, await dispatcher.DispatchAsync(CancellationToken.None));
        var polled = await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => dispatcher.InFlight == 1);

        // Both are on podhost.example, which allows one poll at a time: whichever lost the race was handed back.
        var deferred = polled.FeedId == first ? second : first;
        Assert.Equal(clock.GetUtcNow().AddSeconds(5).ToUnixTimeMilliseconds(), await FeedSeeder.DueScoreAsync(db, deferred));
        Assert.Null(await FeedSeeder.LeaseScoreAsync(db, deferred));
        Assert.NotNull(await FeedSeeder.LeaseScoreAsync(db, polled.FeedId));
        handler.Finish.SetResult();
        await dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(0, dispatcher.InFlight);
    }

    [Fact]
    public async Task DispatchAsync_HandlerThrows_CountedAndLeaseLeftForTheReaper()
    {
        var provider = await redis.FreshAsync();
        var db = await PrivateRedis.ConnectionAsync(provider);
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var id = await FeedSeeder.AddAsync(db, "https://example.com/feed", clock.GetUtcNow());
        var options = new SchedulingOptions();
        var queue = new DueQueue(provider, clock);
        using var metrics = new SchedulingMetrics();
        using var dispatcher = new FeedDispatcher(queue, new HostBudget(Options.Create(options), clock), new ThrowingHandler(), Options.Create(options), metrics, clock, NullLogger<FeedDispatcher>.Instance);

        Assert.Equal(1, await dispatcher.DispatchAsync(CancellationToken.None));
        await WaitUntilAsync(() => dispatcher.InFlight == 0);

        Assert.NotNull(await FeedSeeder.LeaseScoreAsync(db, id));
        clock.Advance(options.LeaseDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await queue.ReapExpiredLeasesAsync(CancellationToken.None));
        Assert.NotNull(await FeedSeeder.DueScoreAsync(db, id));
    }

    [Fact]
    public async Task StopAsync_PollRunning_WaitsForItAndClaimsNoMore()
    {
        var provider = await redis.FreshAsync();
        var db = await PrivateRedis.ConnectionAsync(provider);
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await FeedSeeder.AddAsync(db, "https://example.com/feed", clock.GetUtcNow());
        var handler = new BlockingHandler();
        var options = new SchedulingOptions();
        using var metrics = new SchedulingMetrics();
        using var dispatcher = new FeedDispatcher(new DueQueue(provider, clock), new HostBudget(Options.Create(options), clock), handler, Options.Create(options), metrics, clock, NullLogger<FeedDispatcher>.Instance);
        Assert.Equal(1, await dispatcher.DispatchAsync(CancellationToken.None));
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var stopping = dispatcher.StopAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted);
        await FeedSeeder.AddAsync(db, "https://example.com/another", clock.GetUtcNow());
        Assert.Equal(0, await dispatcher.DispatchAsync(CancellationToken.None));
        handler.Finish.SetResult();

        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, dispatcher.InFlight);
    }

    private static (FeedDispatcher Dispatcher, RedisConnectionProvider Redis) Stack(RedisConnectionProvider provider, SharedPollLog log, int instance)
    {
        var options = new SchedulingOptions { LeaseDuration = TimeSpan.FromSeconds(30) };
        options.HostOverrides["127.0.0.1"] = new HostLimitOptions { Concurrency = 100_000, RatePerSecond = 1_000_000 };
        var wrapped = Options.Create(options);
        var time = TimeProvider.System;
        var dispatcher = new FeedDispatcher(
            new DueQueue(provider, time),
            new HostBudget(wrapped, time),
            new CommittingPollHandler(provider, log, instance),
            wrapped,
            new SchedulingMetrics(),
            time,
            NullLogger<FeedDispatcher>.Instance);
        return (dispatcher, provider);
    }

    private static double[] SteadyStateLags(SharedPollLog log, int feeds)
    {
        // Lags of polls that started after every feed had been polled once (the initial backlog is gone).
        var ordered = log.Lags.OrderBy(l => l.At).ToArray();
        var seen = new HashSet<Guid>();
        var firstPassDone = DateTimeOffset.MaxValue;
        foreach (var lag in ordered)
        {
            if (seen.Add(lag.FeedId) && seen.Count == feeds)
            {
                firstPassDone = lag.At;
                break;
            }
        }

        return ordered.Where(l => l.At > firstPassDone).Select(l => l.LagMs).ToArray();
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 5 s");
            await Task.Delay(10);
        }
    }

    private sealed class BlockingHandler : IFeedPollHandler
    {
        public TaskCompletionSource<ClaimedFeed> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken)
        {
            Started.TrySetResult(feed);
            await Finish.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class ThrowingHandler : IFeedPollHandler
    {
        public Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }
}
