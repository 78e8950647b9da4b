using System.Collections.Concurrent;
using Feed.Updater.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prefix.Hosting.Health;

namespace Feed.Updater.Tests.Scheduling;

public sealed class SchedulingHostTests(PrivateRedis redis) : IClassFixture<PrivateRedis>
{
    [Fact]
    public async Task AddFeedScheduling_HostRuns_QuartzDispatchesDueFeeds()
    {
        var provider = await redis.FreshAsync();
        var db = await PrivateRedis.ConnectionAsync(provider);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await FeedSeeder.AddAsync(db, $"https://example.com/{i}", DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        var handler = new RecordingHandler();
        using var host = BuildHost(provider, handler, new() { ["Updater:Scheduling:DispatchInterval"] = "00:00:00.050" });
        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (handler.Polled.Count < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(ids.Order(), handler.Polled.Keys.Order());
    }

    [Fact]
    public async Task AddFeedScheduling_Disabled_NoSchedulerButQueueAvailable()
    {
        var provider = await redis.FreshAsync();
        using var host = BuildHost(provider, new RecordingHandler(), new() { ["Updater:Scheduling:Enabled"] = "false" });

        Assert.Empty(host.Services.GetServices<IHostedService>());
        Assert.NotNull(host.Services.GetRequiredService<DueQueue>());
    }

    [Fact]
    public void AddFeedScheduling_BadOptions_ValidatorNamesKeyAndValue()
    {
        var options = new SchedulingOptions { MaxConcurrentPolls = 0, DispatchInterval = TimeSpan.Zero, MinJitter = 0.5, MaxJitter = 0.2 };
        options.HostOverrides["127.0.0.1"] = new HostLimitOptions { RatePerSecond = 0 };

        var result = new SchedulingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Updater:Scheduling:MaxConcurrentPolls = '0'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Updater:Scheduling:DispatchInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Updater:Scheduling:MinJitter", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Updater:Scheduling:HostOverrides:127.0.0.1:RatePerSecond", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new SchedulingOptionsValidator().Validate(null, new SchedulingOptions()).Succeeded);
    }

    private static IHost BuildHost(RedisConnectionProvider provider, IFeedPollHandler handler, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(provider);
        builder.Services.AddSingleton(handler);
        builder.Services.AddFeedScheduling(builder.Configuration);
        return builder.Build();
    }

    private sealed class RecordingHandler : IFeedPollHandler
    {
        public ConcurrentDictionary<Guid, ClaimedFeed> Polled { get; } = new();

        public Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken)
        {
            Polled.TryAdd(feed.FeedId, feed);
            return Task.CompletedTask;
        }
    }
}
