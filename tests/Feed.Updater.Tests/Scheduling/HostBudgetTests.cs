using Feed.Updater.Scheduling;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Tests.Scheduling;

public sealed class HostBudgetTests
{
    [Theory]
    [InlineData("feeds.example.com", "example.com")]
    [InlineData("Example.COM.", "example.com")]
    [InlineData("a.b.c.podhost.fm", "podhost.fm")]
    [InlineData("feeds.bbc.co.uk", "bbc.co.uk")]
    [InlineData("www.abc.net.au", "abc.net.au")]
    [InlineData("rss.example.co.jp", "example.co.jp")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("localhost", "localhost")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "::1")]
    [InlineData("10.1.2.3", "10.1.2.3")]
    public void RegistrableDomain_Host_ApproximateETldPlusOne(string host, string expected) =>
        Assert.Equal(expected, RegistrableDomain.Of(host));

    [Fact]
    public async Task TryAcquireAsync_ConcurrencyFull_WaitsForReleaseOrGivesUp()
    {
        var budget = Budget(new SchedulingOptions { HostConcurrency = 2, HostRatePerSecond = 1000 }, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var first = await budget.TryAcquireAsync("a.example.com", TimeSpan.Zero, CancellationToken.None);
        var second = await budget.TryAcquireAsync("b.example.com", TimeSpan.Zero, CancellationToken.None);
        var refused = await budget.TryAcquireAsync("c.example.com", TimeSpan.Zero, CancellationToken.None);
        var otherDomain = await budget.TryAcquireAsync("example.org", TimeSpan.Zero, CancellationToken.None);
        var waiting = budget.TryAcquireAsync("example.com", TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(refused);
        Assert.NotNull(otherDomain);
        Assert.False(waiting.IsCompleted);
        first!.Dispose();
        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TryAcquireAsync_WaitExpires_ReturnsNull()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = Budget(new SchedulingOptions { HostConcurrency = 1 }, clock);
        using var held = await budget.TryAcquireAsync("example.com", TimeSpan.Zero, CancellationToken.None);

        var waiting = budget.TryAcquireAsync("example.com", TimeSpan.FromSeconds(2), CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TryAcquireAsync_RateExhausted_NextTokenAfterOneOverRate()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = Budget(new SchedulingOptions { HostConcurrency = 100, HostRatePerSecond = 2 }, clock);

        // The burst is one second's worth: two starts.
        (await budget.TryAcquireAsync("example.com", TimeSpan.Zero, CancellationToken.None))!.Dispose();
        (await budget.TryAcquireAsync("example.com", TimeSpan.Zero, CancellationToken.None))!.Dispose();
        Assert.Null(await budget.TryAcquireAsync("example.com", TimeSpan.Zero, CancellationToken.None));

        var waiting = budget.TryAcquireAsync("example.com", TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await budget.TryAcquireAsync("example.com", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_Override_ReplacesDefaultLimit()
    {
        var options = new SchedulingOptions { HostConcurrency = 1 };
        options.HostOverrides["127.0.0.1"] = new HostLimitOptions { Concurrency = 1000, RatePerSecond = 1_000_000 };
        var budget = Budget(options, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var leases = new List<IDisposable?>();
        for (var i = 0; i < 500; i++)
        {
            leases.Add(await budget.TryAcquireAsync("127.0.0.1", TimeSpan.Zero, CancellationToken.None));
        }

        Assert.All(leases, Assert.NotNull);
    }

    [Fact]
    public async Task TryAcquireAsync_ManyIdleHosts_MemoryStaysBounded()
    {
        var budget = Budget(new SchedulingOptions { MaxTrackedHosts = 10 }, new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        for (var i = 0; i < 100; i++)
        {
            (await budget.TryAcquireAsync($"host{i}.example{i}.com", TimeSpan.Zero, CancellationToken.None))!.Dispose();
        }

        Assert.InRange(budget.TrackedHosts, 1, 10);
    }

    private static HostBudget Budget(SchedulingOptions options, TimeProvider clock) => new(Options.Create(options), clock);
}
