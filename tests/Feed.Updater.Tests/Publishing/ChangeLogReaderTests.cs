using Feed.Updater.Publishing;
using Feed.Updater.Storage;

namespace Feed.Updater.Tests.Publishing;

public sealed class ChangeLogReaderTests(PublishingRedisFixture redis) : IClassFixture<PublishingRedisFixture>
{
    [Fact]
    public async Task Read_250EventsInPagesOf100_EveryEventOnceInOrderThenCaughtUp()
    {
        await using var db = await redis.NextDatabaseAsync();
        var reader = new ChangeLogReader(db.Provider);
        var feeds = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var expected = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            expected.Add((await ChangeEvents.AddAsync(db.Connection, feeds[i % 3], (i / 3) + 1)).Id);
        }

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? after = null;
        while (true)
        {
            var result = await reader.ReadAsync(after, 100, CancellationToken.None);
            var page = result.Page!;
            pageSizes.Add(page.Events.Count);
            seen.AddRange(page.Events.Select(e => e.Id));
            if (page.Events.Count == 0)
            {
                Assert.Equal(after, page.NextCursor);
                break;
            }

            Assert.Equal(page.Events[^1].Id, page.NextCursor);
            after = page.NextCursor;
        }

        Assert.Equal([100, 100, 50, 0], pageSizes);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Read_Entry_CarriesOutboxFieldsAndTheStoredJson()
    {
        await using var db = await redis.NextDatabaseAsync();
        var change = ChangeEvents.Create(Guid.NewGuid(), 42);
        var (id, json) = await ChangeEvents.AddAsync(db.Connection, change);

        var entry = Assert.Single((await new ChangeLogReader(db.Provider).ReadAsync(null, 10, CancellationToken.None)).Page!.Events);

        Assert.Equal(id, entry.Id);
        Assert.Equal(change.FeedId, entry.FeedId);
        Assert.Equal(change.EventType, entry.Type);
        Assert.Equal(42, entry.Sequence);
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(entry.Json));
        Assert.Equal(change, entry.Deserialize()! with { ChangedFields = change.ChangedFields });
    }

    [Fact]
    public async Task Read_FeedFilter_OnlyThatFeedInOrderAcrossPages()
    {
        await using var db = await redis.NextDatabaseAsync();
        var reader = new ChangeLogReader(db.Provider);
        var wanted = Guid.NewGuid();
        var expected = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var feed = i % 4 == 0 ? wanted : Guid.NewGuid();
            var (id, _) = await ChangeEvents.AddAsync(db.Connection, feed, i + 1);
            if (feed == wanted)
            {
                expected.Add(id);
            }
        }

        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var result = (await reader.ReadAsync(after, 4, wanted, CancellationToken.None)).Page!;
            Assert.All(result.Events, e => Assert.Equal(wanted, e.FeedId));
            seen.AddRange(result.Events.Select(e => e.Id));
            if (result.NextCursor == after)
            {
                break;
            }

            after = result.NextCursor;
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Read_MalformedEntry_PassedOverAndCursorMovesOn()
    {
        await using var db = await redis.NextDatabaseAsync();
        var bad = await db.Connection.StreamAddAsync(UpdaterKeys.Changes, "event", "{not json");
        var (good, _) = await ChangeEvents.AddAsync(db.Connection, Guid.NewGuid(), 1);

        var page = (await new ChangeLogReader(db.Provider).ReadAsync(null, 10, CancellationToken.None)).Page!;

        Assert.Equal(good, Assert.Single(page.Events).Id);
        Assert.NotEqual(bad, page.NextCursor);
        Assert.Equal(good, page.NextCursor);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1700000000000")]
    [InlineData("1700000000000-")]
    [InlineData("-5")]
    [InlineData("1-2-3")]
    [InlineData("99999999999999999999999-0")]
    [InlineData("+1-0")]
    public async Task Read_BadCursor_ClearErrorNamingAfterAndTheValue(string after)
    {
        await using var db = await redis.NextDatabaseAsync();

        var result = await new ChangeLogReader(db.Provider).ReadAsync(after, 10, CancellationToken.None);

        Assert.Null(result.Page);
        Assert.StartsWith("after must be a cursor of the form <milliseconds>-<sequence>", result.Error, StringComparison.Ordinal);
        Assert.Contains($"'{after}'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    [InlineData(-1)]
    public async Task Read_LimitOutOfRange_ClearError(int limit)
    {
        await using var db = await redis.NextDatabaseAsync();

        var result = await new ChangeLogReader(db.Provider).ReadAsync(null, limit, CancellationToken.None);

        Assert.Equal($"limit must be between 1 and 1000; got {limit}", result.Error);
    }

    [Fact]
    public async Task Read_AfterLargestPossibleId_EmptyPage()
    {
        await using var db = await redis.NextDatabaseAsync();
        await ChangeEvents.AddAsync(db.Connection, Guid.NewGuid(), 1);
        const string largest = "18446744073709551615-18446744073709551615";

        var page = (await new ChangeLogReader(db.Provider).ReadAsync(largest, 10, CancellationToken.None)).Page!;

        Assert.Empty(page.Events);
        Assert.Equal(largest, page.NextCursor);
    }
}
