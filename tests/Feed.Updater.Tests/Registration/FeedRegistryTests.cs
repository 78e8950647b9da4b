using System.Text.Json;
using Feed.Updater.Registration;
using Feed.Updater.Storage;
using Prefix.Core.Identities;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Tests.Registration;

public sealed class FeedRegistryTests(RegistryRedis redis) : IClassFixture<RegistryRedis>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(Start);
    private RedisConnection _redis = null!;
    private RedisConnectionProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _redis = await redis.ConnectFlushedAsync();
        _provider = redis.Provider();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RegisterAsync_NewUrl_StoresStateDueCountAndPublishesOneEvent()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        await using var subscriber = await RedisSubscriber.ConnectAsync(new RedisOptions { EndPoint = redis.Endpoint });
        await using var subscription = await subscriber.SubscribeAsync(UpdaterKeys.Changes);

        var result = await registry.RegisterAsync("  HTTPS://Feeds.Example.com/show.xml#top ", "register", CancellationToken.None);

        var expectedId = PodcastIdentity.ShowId("https://feeds.example.com/show.xml");
        Assert.Equal(RegisterOutcome.Created, result.Outcome);
        Assert.True(result.Created);
        Assert.Equal(expectedId, result.FeedId);
        Assert.Equal("https://feeds.example.com/show.xml", result.Url);
        Assert.Equal("active", result.Status);

        var nowMs = Start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var state = await registry.GetStateAsync(expectedId, CancellationToken.None);
        Assert.Equal(
            new Dictionary<string, string> { ["u"] = "https://feeds.example.com/show.xml", ["s"] = "active", ["ra"] = nowMs, ["q"] = "1", ["nc"] = nowMs },
            state);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), await _redis.SortedSetScoreAsync(UpdaterKeys.Due, expectedId.ToString("N")));
        Assert.Equal(expectedId.ToString("N"), (await _redis.HashGetAsync(UpdaterKeys.ByUrl, "https://feeds.example.com/show.xml")).ToString());
        Assert.Equal(1, await CountAsync());

        var entry = Assert.Single(await _redis.StreamRangeAsync(UpdaterKeys.Changes));
        Assert.Equal(expectedId.ToString("N"), entry["feed"].ToString());
        Assert.Equal("feed.registered", entry["type"].ToString());
        Assert.Equal("1", entry["seq"].ToString());
        var stored = Parse(entry["event"]);
        Assert.Equal(FeedEventTypes.Registered, stored.EventType);
        Assert.Equal(expectedId, stored.FeedId);
        Assert.Equal(1, stored.Sequence);
        Assert.Equal("register", stored.Source.Trigger);
        Assert.Equal("https://feeds.example.com/show.xml", stored.Url);
        Assert.Equal(Start, stored.OccurredAt);
        Assert.Equal(7, stored.EventId.Version);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var published = await subscription.Reader.ReadAsync(timeout.Token);
        Assert.Equal(entry["event"].ToString(), published.Message.ToString());
    }

    [Fact]
    public async Task RegisterAsync_SameUrlTwice_SameFeedAndOneEvent()
    {
        var registry = RegistryRedis.Registry(_provider, _time);

        var first = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await registry.RegisterAsync("https://A.example/feed", "register", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Created, first.Outcome);
        Assert.Equal(RegisterOutcome.Existing, second.Outcome);
        Assert.False(second.Created);
        Assert.Equal(first.FeedId, second.FeedId);
        Assert.Equal("active", second.Status);
        Assert.Equal(1, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task RegisterAsync_HttpThenHttpsAndTrailingSlash_OneFeedWithAliases()
    {
        var registry = RegistryRedis.Registry(_provider, _time);

        var http = await registry.RegisterAsync("http://a.example/feed", "register", CancellationToken.None);
        var https = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        var slash = await registry.FindByUrlAsync("feed://a.example/feed/", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Existing, https.Outcome);
        Assert.Equal(http.FeedId, https.FeedId);
        Assert.Equal(http.FeedId, slash);
        Assert.Equal(http.FeedId.ToString("N"), (await _redis.HashGetAsync(UpdaterKeys.ByUrl, "https://a.example/feed")).ToString());
        Assert.Equal("http://a.example/feed", (await registry.GetStateAsync(http.FeedId, CancellationToken.None))!["u"]);
        Assert.Equal(1, await CountAsync());
        Assert.Equal(1, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
    }

    [Fact]
    public async Task RegisterAsync_InvalidUrl_RejectedAndNothingStored()
    {
        var registry = RegistryRedis.Registry(_provider, _time);

        var result = await registry.RegisterAsync("ftp://a.example/feed", "register", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Rejected, result.Outcome);
        Assert.Contains("not 'ftp'", result.Rejection, StringComparison.Ordinal);
        Assert.Equal(0, (await _redis.ExecuteAsync("DBSIZE")).AsInt64());
    }

    [Fact]
    public async Task RegisterAsync_CredentialsOnlyWhenAllowed()
    {
        var strict = RegistryRedis.Registry(_provider, _time);
        var lenient = RegistryRedis.Registry(_provider, _time, new RegistrationOptions { AllowCredentials = true });

        var refused = await strict.RegisterAsync("https://u:p@a.example/feed", "register", CancellationToken.None);
        var accepted = await lenient.RegisterAsync("https://u:p@a.example/feed", "register", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Rejected, refused.Outcome);
        Assert.Equal(RegisterOutcome.Created, accepted.Outcome);
        Assert.Equal("https://u:p@a.example/feed", accepted.Url);
    }

    [Fact]
    public async Task DeregisterAsync_ActiveFeed_SoftWithEventSequence2NotDueAndUncounted()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        var feed = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        await registry.RegisterAsync("https://b.example/feed", "register", CancellationToken.None);
        var id = feed.FeedId.ToString("N");
        await _redis.SortedSetAddAsync(UpdaterKeys.Leases, id, 1);
        _time.Advance(TimeSpan.FromHours(1));

        var outcome = await registry.DeregisterAsync(feed.FeedId, CancellationToken.None);

        Assert.Equal(DeregisterOutcome.Done, outcome);
        var state = (await registry.GetStateAsync(feed.FeedId, CancellationToken.None))!;
        Assert.Equal("deregistered", state["s"]);
        Assert.Equal("2", state["q"]);
        Assert.Equal("https://a.example/feed", state["u"]);
        Assert.Null(await _redis.SortedSetScoreAsync(UpdaterKeys.Due, id));
        Assert.Null(await _redis.SortedSetScoreAsync(UpdaterKeys.Leases, id));
        Assert.Equal(1, await CountAsync());
        Assert.Equal(feed.FeedId, await registry.FindByUrlAsync("https://a.example/feed", CancellationToken.None));

        var last = (await _redis.StreamRangeAsync(UpdaterKeys.Changes))[^1];
        Assert.Equal("feed.deregistered", last["type"].ToString());
        Assert.Equal("2", last["seq"].ToString());
        var stored = Parse(last["event"]);
        Assert.Equal(2, stored.Sequence);
        Assert.Equal("deregistered", stored.Status);
        Assert.Equal("manual", stored.Source.Trigger);
        Assert.Equal(Start.AddHours(1), stored.OccurredAt);

        Assert.Equal(DeregisterOutcome.AlreadyDeregistered, await registry.DeregisterAsync(feed.FeedId, CancellationToken.None));
        Assert.Equal(DeregisterOutcome.NotFound, await registry.DeregisterAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(3, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
    }

    [Fact]
    public async Task RegisterAsync_DeregisteredFeed_ActiveAgainWithSequence3AndDueNow()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        var feed = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        await registry.DeregisterAsync(feed.FeedId, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));

        var again = await registry.RegisterAsync("http://a.example/feed", "register", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Reregistered, again.Outcome);
        Assert.True(again.Created);
        Assert.Equal(feed.FeedId, again.FeedId);
        var state = (await registry.GetStateAsync(feed.FeedId, CancellationToken.None))!;
        Assert.Equal("active", state["s"]);
        Assert.Equal("3", state["q"]);
        Assert.Equal(Start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), state["ra"]);
        Assert.Equal(Start.AddDays(2).ToUnixTimeMilliseconds(), await _redis.SortedSetScoreAsync(UpdaterKeys.Due, feed.FeedId.ToString("N")));
        Assert.Equal(1, await CountAsync());
        var last = (await _redis.StreamRangeAsync(UpdaterKeys.Changes))[^1];
        Assert.Equal("feed.registered", last["type"].ToString());
        Assert.Equal("3", last["seq"].ToString());
        Assert.Equal(3, Parse(last["event"]).Sequence);
    }

    [Fact]
    public async Task DeregisterAsync_SequenceMovesBetweenReadAndScript_RetriesWithFreshSequence()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        var feed = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        var bumps = 0;
        registry.AfterSequenceRead = async (id, ct) =>
        {
            if (bumps++ == 0)
            {
                // What a concurrent poll's event would do: take sequence 2 first.
                await _redis.HashIncrementAsync(UpdaterKeys.Feed(id), FeedStateFields.Sequence, 1, ct);
            }
        };

        var outcome = await registry.DeregisterAsync(feed.FeedId, CancellationToken.None);

        Assert.Equal(DeregisterOutcome.Done, outcome);
        Assert.Equal(2, bumps);
        Assert.Equal("3", (await registry.GetStateAsync(feed.FeedId, CancellationToken.None))!["q"]);
        var last = (await _redis.StreamRangeAsync(UpdaterKeys.Changes))[^1];
        Assert.Equal("3", last["seq"].ToString());
        Assert.Equal(3, Parse(last["event"]).Sequence);
        Assert.Equal(2, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
    }

    [Fact]
    public async Task DeregisterAsync_SequenceAlwaysMoves_GivesUpWithConflictAndChangesNothing()
    {
        var registry = RegistryRedis.Registry(_provider, _time, new RegistrationOptions { MaxSequenceAttempts = 3 });
        var feed = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        registry.AfterSequenceRead = (id, ct) => _redis.HashIncrementAsync(UpdaterKeys.Feed(id), FeedStateFields.Sequence, 1, ct);

        var outcome = await registry.DeregisterAsync(feed.FeedId, CancellationToken.None);

        Assert.Equal(DeregisterOutcome.Conflict, outcome);
        Assert.Equal("active", (await registry.GetStateAsync(feed.FeedId, CancellationToken.None))!["s"]);
        Assert.Equal(1, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReregisterRacesAnotherEvent_RetriesWithFreshSequence()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        var feed = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);
        await registry.DeregisterAsync(feed.FeedId, CancellationToken.None);
        var bumped = false;
        registry.AfterSequenceRead = async (id, ct) =>
        {
            if (!bumped)
            {
                bumped = true;
                await _redis.HashIncrementAsync(UpdaterKeys.Feed(id), FeedStateFields.Sequence, 1, ct);
            }
        };

        var again = await registry.RegisterAsync("https://a.example/feed", "register", CancellationToken.None);

        Assert.Equal(RegisterOutcome.Reregistered, again.Outcome);
        Assert.Equal("4", (await registry.GetStateAsync(feed.FeedId, CancellationToken.None))!["q"]);
        Assert.Equal(4, Parse((await _redis.StreamRangeAsync(UpdaterKeys.Changes))[^1]["event"]).Sequence);
    }

    [Fact]
    public async Task FindByUrlAsync_UnknownOrInvalid_Null()
    {
        var registry = RegistryRedis.Registry(_provider, _time);

        Assert.Null(await registry.FindByUrlAsync("https://nobody.example/feed", CancellationToken.None));
        Assert.Null(await registry.FindByUrlAsync("not a url", CancellationToken.None));
        Assert.Null(await registry.GetStateAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private async Task<long> CountAsync() => (await _redis.StringGetAsync(UpdaterKeys.Count)).ToInt64();

    private static FeedChangeEvent Parse(RedisValue json) =>
        JsonSerializer.Deserialize(json.ToString()!, FeedJsonContext.Default.FeedChangeEvent)!;
}
