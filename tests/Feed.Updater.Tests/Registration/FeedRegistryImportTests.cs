using System.Text;
using Feed.Updater.Registration;
using Feed.Updater.Registration.Import;
using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Tests.Registration;

public sealed class FeedRegistryImportTests(RegistryRedis redis) : IClassFixture<RegistryRedis>, IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
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
    public async Task RegisterManyAsync_100kLinesWithInvalidAndDuplicates_ExactCountsInResultAndRedis()
    {
        const int Lines = 100_000;
        // Every 10th line invalid; every 20th (from line 21) repeats line i-2, every other one of those
        // as http instead of https (another spelling of the same feed).
        static string UrlFor(long i) => $"https://host{i % 997}.example/podcasts/{i}/feed.xml";
        static string LineFor(long i) => i % 10 == 0
            ? $"{{\"url\":\"ftp://bad{i}.example/feed\"}}"
            : i % 20 == 1 && i > 20
                ? $"{{\"url\":\"{(i % 40 == 1 ? UrlFor(i - 2).Replace("https:", "http:", StringComparison.Ordinal) : UrlFor(i - 2))}\"}}"
                : $"{{\"title\":\"Show {i}\",\"url\":\"{UrlFor(i)}\"}}";
        var invalid = Enumerable.Range(1, Lines).Count(i => i % 10 == 0);
        var duplicates = Enumerable.Range(1, Lines).Count(i => i % 20 == 1 && i > 20);
        var httpSpellings = Enumerable.Range(1, Lines).Count(i => i % 20 == 1 && i > 20 && i % 40 == 1);
        var unique = Lines - invalid - duplicates;
        var registry = RegistryRedis.Registry(_provider, _time, new RegistrationOptions { MaxReportedRejections = 100 });

        using var body = new GeneratedLinesStream(Lines, LineFor, chunk: 8191);
        var result = await registry.RegisterManyAsync(FeedImportReader.ReadAsync(body, "application/x-ndjson", CancellationToken.None), CancellationToken.None);

        Assert.Equal((unique, 0L, duplicates, invalid), (result.Created, result.Reregistered, result.Existing, result.Rejected));
        Assert.Equal(Lines, result.Lines);
        Assert.Equal(100, result.Rejections.Count);
        Assert.True(result.RejectionsTruncated);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i * 10), result.Rejections.Select(r => r.Line));
        Assert.All(result.Rejections, r => Assert.Contains("not 'ftp'", r.Reason, StringComparison.Ordinal));

        Assert.Equal(unique, (await _redis.StringGetAsync(UpdaterKeys.Count)).ToInt64());
        Assert.Equal(unique, await _redis.SortedSetLengthAsync(UpdaterKeys.Due));
        Assert.Equal(unique, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
        Assert.Equal(unique + httpSpellings, (await _redis.ExecuteAsync("HLEN", UpdaterKeys.ByUrl)).AsInt64());
        Assert.Equal(unique + 4, (await _redis.ExecuteAsync("DBSIZE")).AsInt64());
    }

    [Fact]
    public async Task RegisterManyAsync_ImportHoldsDeregisteredFeed_ReregistersItOnce()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        var old = await registry.RegisterAsync("https://old.example/feed", "register", CancellationToken.None);
        await registry.DeregisterAsync(old.FeedId, CancellationToken.None);
        var csv = "url\nhttps://old.example/feed\nhttps://new.example/feed\nhttp://old.example/feed\nnot-a-url\n";

        using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var result = await registry.RegisterManyAsync(FeedImportReader.ReadAsync(body, "text/csv", CancellationToken.None), CancellationToken.None);

        Assert.Equal((2L, 1L, 1L, 1L), (result.Created, result.Reregistered, result.Existing, result.Rejected));
        Assert.Equal(new ImportRejection(5, "The URL is not absolute; start it with https:// (or http://), as in https://example.com/feed.xml."), Assert.Single(result.Rejections));
        Assert.Equal("active", (await registry.GetStateAsync(old.FeedId, CancellationToken.None))!["s"]);
        Assert.Equal("3", (await registry.GetStateAsync(old.FeedId, CancellationToken.None))!["q"]);
        Assert.Equal(2, (await _redis.StringGetAsync(UpdaterKeys.Count)).ToInt64());
        Assert.Equal(4, await _redis.StreamLengthAsync(UpdaterKeys.Changes));
    }

    [Fact]
    public async Task RegisterManyAsync_EmptyBody_AllZero()
    {
        var registry = RegistryRedis.Registry(_provider, _time);
        using var body = new MemoryStream();

        var result = await registry.RegisterManyAsync(FeedImportReader.ReadAsync(body, null, CancellationToken.None), CancellationToken.None);

        Assert.Equal(0, result.Lines);
        Assert.Empty(result.Rejections);
        Assert.Equal(0, (await _redis.ExecuteAsync("DBSIZE")).AsInt64());
    }
}
