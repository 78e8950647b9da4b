using Feed.Updater.Publishing;
using Feed.Updater.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prefix.Feeds.Events;

namespace Feed.Updater.Tests.Publishing;

public sealed class WebhookRegistryTests(PublishingRedisFixture redis) : IClassFixture<PublishingRedisFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "url is required")]
    [InlineData("", "url is required")]
    [InlineData("/relative/path", "not an absolute URL")]
    [InlineData("ftp://example.com/hook", "scheme 'ftp'")]
    [InlineData("file:///etc/passwd", "scheme 'file'")]
    [InlineData("https://user:pw@example.com/hook", "credentials")]
    [InlineData("https://example.com/a b", "spaces or control characters")]
    [InlineData("https://example.com/\u0001", "spaces or control characters")]
    public void Validate_BadUrl_RefusedWithReason(string? url, string expected)
    {
        var (subscription, error) = WebhookValidation.Validate(new WebhookCreateRequest { Url = url }, Now);

        Assert.Null(subscription);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UrlTooLong_RefusedWithLength()
    {
        var url = "https://example.com/" + new string('a', 2000);

        var (_, error) = WebhookValidation.Validate(new WebhookCreateRequest { Url = url }, Now);

        Assert.Contains("at most 2000", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feed.exploded", null, null, null, "'feed.exploded', which is not an event type")]
    [InlineData(null, "not-a-guid", null, null, "'not-a-guid', which is not a feed id")]
    [InlineData(null, null, "short", null, "secret must be")]
    [InlineData(null, null, "has spaces in the secret value", null, "secret must be")]
    [InlineData(null, null, null, "yesterday", "startAt must be a cursor")]
    [InlineData(null, null, null, "12-", "startAt must be a cursor")]
    public void Validate_BadField_RefusedNamingTheValue(string? eventType, string? feedId, string? secret, string? startAt, string expected)
    {
        var request = new WebhookCreateRequest
        {
            Url = "https://example.com/hook",
            EventTypes = eventType is null ? null : [FeedEventTypes.Moved, eventType],
            FeedIds = feedId is null ? null : [feedId],
            Secret = secret,
            StartAt = startAt,
        };

        var (subscription, error) = WebhookValidation.Validate(request, Now);

        Assert.Null(subscription);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodRequest_GeneratesIdAndSecretAndDedupesFilters()
    {
        var feed = Guid.NewGuid();
        var request = new WebhookCreateRequest
        {
            Url = "http://hooks.example.com:8080/prefix?x=1",
            EventTypes = [FeedEventTypes.Moved, FeedEventTypes.Moved],
            FeedIds = [feed.ToString("N"), feed.ToString("D")],
            Description = "staging",
        };

        var (subscription, error) = WebhookValidation.Validate(request, Now);

        Assert.Null(error);
        Assert.NotNull(subscription);
        Assert.True(WebhookValidation.IsWellFormedId(subscription.Id), subscription.Id);
        Assert.Equal(43, subscription.Secret.Length); // 32 bytes, base64url without padding
        Assert.DoesNotContain('=', subscription.Secret);
        Assert.Equal([FeedEventTypes.Moved], subscription.EventTypes);
        Assert.Equal([feed], subscription.FeedIds);
        Assert.Equal(Now, subscription.CreatedAt);
        Assert.EndsWith(subscription.Secret[^4..], subscription.SecretHint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NoStartAt_StartsAtTheStreamsCurrentEnd()
    {
        await using var db = await redis.NextDatabaseAsync();
        var registry = Registry(db);
        await ChangeEvents.AddAsync(db.Connection, Guid.NewGuid(), 1);
        var (lastId, _) = await ChangeEvents.AddAsync(db.Connection, Guid.NewGuid(), 1);

        var result = await registry.CreateAsync(new WebhookCreateRequest { Url = "https://example.com/hook" }, CancellationToken.None);

        Assert.Equal(lastId, result.Cursor);
        Assert.Equal(lastId, (await registry.GetStateAsync(result.Subscription!.Id, CancellationToken.None)).Cursor);
    }

    [Fact]
    public async Task Create_EmptyStreamOrStartAt_CursorIsStartOrTheGivenOne()
    {
        await using var db = await redis.NextDatabaseAsync();
        var registry = Registry(db);

        var empty = await registry.CreateAsync(new WebhookCreateRequest { Url = "https://example.com/a" }, CancellationToken.None);
        var given = await registry.CreateAsync(new WebhookCreateRequest { Url = "https://example.com/b", StartAt = "1700000000000-3" }, CancellationToken.None);

        Assert.Equal("0-0", empty.Cursor);
        Assert.Equal("1700000000000-3", given.Cursor);
    }

    [Fact]
    public async Task Create_AtMaxSubscriptions_RefusedWithReason()
    {
        await using var db = await redis.NextDatabaseAsync();
        var registry = Registry(db, maxSubscriptions: 2);
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull((await registry.CreateAsync(new WebhookCreateRequest { Url = "https://example.com/" + i }, CancellationToken.None)).Subscription);
        }

        var third = await registry.CreateAsync(new WebhookCreateRequest { Url = "https://example.com/3" }, CancellationToken.None);

        Assert.Null(third.Subscription);
        Assert.Contains("already 2 webhook subscriptions", third.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetListDelete_StoredSubscription_RoundTripsAndDeleteRemovesItsKeys()
    {
        await using var db = await redis.NextDatabaseAsync();
        var registry = Registry(db);
        var feed = Guid.NewGuid();
        var created = (await registry.CreateAsync(
            new WebhookCreateRequest { Url = "https://example.com/hook", EventTypes = [FeedEventTypes.Reset], FeedIds = [feed.ToString()], Description = "d" },
            CancellationToken.None)).Subscription!;
        await db.Connection.StreamAddAsync(UpdaterKeys.WebhookDeadLetters(created.Id), "event", "{}");

        var fetched = await registry.GetAsync(created.Id, CancellationToken.None);
        var listed = await registry.ListAsync(CancellationToken.None);

        Assert.NotNull(fetched);
        Assert.Equal(created.Secret, fetched.Secret);
        Assert.Equal([FeedEventTypes.Reset], fetched.EventTypes);
        Assert.Equal([feed], fetched.FeedIds);
        Assert.Equal(created.Id, Assert.Single(listed).Id);
        Assert.True(await registry.DeleteAsync(created.Id, CancellationToken.None));
        Assert.False(await registry.DeleteAsync(created.Id, CancellationToken.None));
        Assert.Null(await registry.GetAsync(created.Id, CancellationToken.None));
        Assert.Equal(0, await db.Connection.KeyExistsAsync([UpdaterKeys.WebhookState(created.Id), UpdaterKeys.WebhookDeadLetters(created.Id)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("wh_")]
    [InlineData("wh_abc:def")]
    [InlineData("other_abc")]
    public async Task Get_MalformedId_NullWithoutTouchingRedis(string id)
    {
        await using var db = await redis.NextDatabaseAsync();

        Assert.Null(await Registry(db).GetAsync(id, CancellationToken.None));
    }

    private static WebhookRegistry Registry(TestDatabase db, int maxSubscriptions = 100) =>
        new(db.Provider, Options.Create(new WebhookOptions { MaxSubscriptions = maxSubscriptions }), TimeProvider.System, NullLogger<WebhookRegistry>.Instance);
}
