using System.Diagnostics.Metrics;
using System.Text.Json;
using Feed.Updater.Publishing;
using Feed.Updater.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Prefix.Feeds.Events;

namespace Feed.Updater.Tests.Publishing;

public sealed class WebhookDeliveryWorkerTests(PublishingRedisFixture redis) : IClassFixture<PublishingRedisFixture>
{
    private const string Secret = "test-secret-0123456789abcdef";
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Deliver_TwentyEventsOfThreeFeeds_EachOnceInStreamOrderWithValidSignatures()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        using var worker = await StartWorkerAsync(db, registry);

        var feeds = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var sent = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var change = ChangeEvents.Create(feeds[i % 3], (i / 3) + 1);
            await ChangeEvents.AddAsync(db.Connection, change);
            sent.Add(change.EventId.ToString());
        }

        await receiver.WaitUntilAsync(r => r.Count >= 20);
        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 20);
        await Task.Delay(Settle);
        await worker.StopAsync(CancellationToken.None);

        var received = receiver.Received;
        Assert.Equal(sent, received.Select(r => r.EventId));
        Assert.All(received, r => Assert.Equal(WebhookSignatureResult.Valid, r.Signature));
        Assert.All(received, r => Assert.Equal(1, r.Attempt));
        Assert.All(received, r => Assert.Equal("application/json", r.ContentType));
        Assert.All(received, r => Assert.Equal(FeedEventTypes.EpisodesChanged, r.EventType));
        using var first = JsonDocument.Parse(received[0].Body);
        Assert.Equal(sent[0], first.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Deliver_ReceiverFailsTwiceThenSucceeds_DeliveredOnceAndLaterEventsWait()
    {
        await using var db = await redis.NextDatabaseAsync();
        var failures = 0;
        await using var receiver = await WebhookReceiver.StartAsync(Secret, d => Interlocked.Increment(ref failures) <= 2 ? 500 : 200);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        var feed = Guid.NewGuid();
        var events = new[] { ChangeEvents.Create(feed, 1), ChangeEvents.Create(feed, 2), ChangeEvents.Create(feed, 3) };
        foreach (var change in events)
        {
            await ChangeEvents.AddAsync(db.Connection, change);
        }

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WebhookMetrics.MeterName && instrument.Name == "feed.updater.webhook.deliveries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => outcomes.Add((string)tags[0].Value!));
        listener.Start();

        using var worker = await StartWorkerAsync(db, registry);
        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 3);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["delivered", "delivered", "delivered", "failed", "failed"], outcomes.Order(StringComparer.Ordinal));
        var received = receiver.Received;
        var first = events[0].EventId.ToString();
        Assert.Equal([first, first, first, events[1].EventId.ToString(), events[2].EventId.ToString()], received.Select(r => r.EventId));
        Assert.Equal([500, 500, 200, 200, 200], received.Select(r => r.Status));
        Assert.Equal([1, 2, 3, 1, 1], received.Select(r => r.Attempt));
        Assert.All(received, r => Assert.Equal(WebhookSignatureResult.Valid, r.Signature));
        var state = await registry.GetStateAsync(subscription.Id, CancellationToken.None);
        Assert.Equal(200, state.LastStatus);
        Assert.Equal(0, state.DeadLetters);
    }

    [Fact]
    public async Task Deliver_ReceiverAlwaysFailsOneEvent_DeadLetteredAfterMaxAttemptsThenLaterEventsFlow()
    {
        await using var db = await redis.NextDatabaseAsync();
        var feed = Guid.NewGuid();
        var poisoned = ChangeEvents.Create(feed, 1);
        await using var receiver = await WebhookReceiver.StartAsync(Secret, d => d.EventId == poisoned.EventId.ToString() ? 503 : 200);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        var (poisonedId, poisonedJson) = await ChangeEvents.AddAsync(db.Connection, poisoned);
        var later = ChangeEvents.Create(feed, 2);
        await ChangeEvents.AddAsync(db.Connection, later);

        using var worker = await StartWorkerAsync(db, registry);
        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 1 && s.DeadLetters == 1);
        await worker.StopAsync(CancellationToken.None);

        var received = receiver.Received;
        Assert.Equal(3, received.Count(r => r.EventId == poisoned.EventId.ToString()));
        Assert.Equal(later.EventId.ToString(), received[^1].EventId);
        var letters = await registry.ReadDeadLettersAsync(subscription.Id, 10, CancellationToken.None);
        var letter = Assert.Single(letters);
        Assert.Equal(poisonedId, letter.StreamId);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("503", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(poisonedJson, System.Text.Encoding.UTF8.GetString(letter.Event));
    }

    [Fact]
    public async Task Deliver_EventTypeAndFeedFilters_OnlyMatchingEventsAndCursorPassesTheRest()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var registry = Registry(db);
        var wanted = Guid.NewGuid();
        var other = Guid.NewGuid();
        var subscription = await CreateAsync(registry, receiver, eventTypes: [FeedEventTypes.Moved, FeedEventTypes.Reset], feedIds: [wanted.ToString()]);

        var expected = new List<string>();
        string lastId = "";
        foreach (var (feed, type) in new[]
        {
            (wanted, FeedEventTypes.Moved), (other, FeedEventTypes.Moved), (wanted, FeedEventTypes.EpisodesChanged),
            (wanted, FeedEventTypes.Reset), (other, FeedEventTypes.Reset), (wanted, FeedEventTypes.MetadataChanged),
        })
        {
            var change = ChangeEvents.Create(feed, 1, type);
            (lastId, _) = await ChangeEvents.AddAsync(db.Connection, change);
            if (feed == wanted && type is FeedEventTypes.Moved or FeedEventTypes.Reset)
            {
                expected.Add(change.EventId.ToString());
            }
        }

        using var worker = await StartWorkerAsync(db, registry);
        await WaitForStateAsync(registry, subscription.Id, s => s.Cursor == lastId);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(expected, receiver.Received.Select(r => r.EventId));
        Assert.Equal(2, (await registry.GetStateAsync(subscription.Id, CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Deliver_WorkerRestarted_ResumesFromCursorWithoutLossOrRedelivery()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        var feed = Guid.NewGuid();
        var sent = new List<string>();

        var first = await StartWorkerAsync(db, registry);
        for (var i = 1; i <= 5; i++)
        {
            var change = ChangeEvents.Create(feed, i);
            await ChangeEvents.AddAsync(db.Connection, change);
            sent.Add(change.EventId.ToString());
        }

        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 5);
        await first.StopAsync(CancellationToken.None);
        first.Dispose();

        // Appended while no worker runs: the next worker must pick these up from the stored cursor.
        for (var i = 6; i <= 10; i++)
        {
            var change = ChangeEvents.Create(feed, i);
            await ChangeEvents.AddAsync(db.Connection, change);
            sent.Add(change.EventId.ToString());
        }

        using var second = await StartWorkerAsync(db, registry);
        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 10);
        await Task.Delay(Settle);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(sent, receiver.Received.Select(r => r.EventId));
    }

    [Fact]
    public async Task Deliver_TwoWorkersOnOneSubscription_EachEventDeliveredOnce()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        using var one = await StartWorkerAsync(db, registry);
        using var two = await StartWorkerAsync(db, registry);

        var sent = new List<string>();
        var feeds = new[] { Guid.NewGuid(), Guid.NewGuid() };
        for (var i = 0; i < 20; i++)
        {
            var change = ChangeEvents.Create(feeds[i % 2], i + 1);
            await ChangeEvents.AddAsync(db.Connection, change);
            sent.Add(change.EventId.ToString());
        }

        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 20);
        await Task.Delay(Settle);
        await Task.WhenAll(one.StopAsync(CancellationToken.None), two.StopAsync(CancellationToken.None));

        Assert.Equal(sent, receiver.Received.Select(r => r.EventId));
        Assert.False(await db.Connection.KeyExistsAsync(WebhookLock.KeyFor(subscription.Id)));
    }

    [Fact]
    public async Task Deliver_SubscriptionDeleted_LoopStopsAndStateIsNotRecreated()
    {
        await using var db = await redis.NextDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var registry = Registry(db);
        var subscription = await CreateAsync(registry, receiver);
        using var worker = await StartWorkerAsync(db, registry);
        var feed = Guid.NewGuid();
        await ChangeEvents.AddAsync(db.Connection, feed, 1);
        await WaitForStateAsync(registry, subscription.Id, s => s.Delivered == 1);

        Assert.True(await registry.DeleteAsync(subscription.Id, CancellationToken.None));
        await ChangeEvents.AddAsync(db.Connection, feed, 2);
        await Task.Delay(Settle);
        await worker.StopAsync(CancellationToken.None);

        Assert.Single(receiver.Received);
        Assert.False(await db.Connection.KeyExistsAsync(UpdaterKeys.WebhookState(subscription.Id)));
    }

    private static WebhookOptions Options() => new()
    {
        // The SSRF guard is a stub until the fetch work is merged; the integrator turns it back on.
        AllowLoopback = true,
        RefreshInterval = TimeSpan.FromMilliseconds(100),
        PollInterval = TimeSpan.FromMilliseconds(10),
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(40),
        MaxAttempts = 3,
        LockTtl = TimeSpan.FromSeconds(3),
        DeliveryTimeout = TimeSpan.FromSeconds(5),
    };

    private static WebhookRegistry Registry(TestDatabase db) =>
        new(db.Provider, Microsoft.Extensions.Options.Options.Create(Options()), TimeProvider.System, NullLogger<WebhookRegistry>.Instance);

    private static async Task<WebhookSubscription> CreateAsync(WebhookRegistry registry, WebhookReceiver receiver, string[]? eventTypes = null, string[]? feedIds = null)
    {
        var result = await registry.CreateAsync(
            new WebhookCreateRequest { Url = receiver.Url.ToString(), Secret = Secret, EventTypes = eventTypes, FeedIds = feedIds },
            CancellationToken.None);
        return result.Subscription ?? throw new InvalidOperationException(result.Error);
    }

    private static async Task<WebhookDeliveryWorker> StartWorkerAsync(TestDatabase db, WebhookRegistry registry)
    {
        var worker = new WebhookDeliveryWorker(
            registry,
            db.Provider,
            Microsoft.Extensions.Options.Options.Create(Options()),
            new WebhookMetrics(),
            TimeProvider.System,
            NullLogger<WebhookDeliveryWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    private static async Task WaitForStateAsync(WebhookRegistry registry, string id, Func<WebhookDeliveryState, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var state = await registry.GetStateAsync(id, CancellationToken.None);
            if (condition(state))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Webhook state not reached: {state}");
            }

            await Task.Delay(10);
        }
    }
}
