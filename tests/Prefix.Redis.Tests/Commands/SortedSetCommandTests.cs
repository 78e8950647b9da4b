namespace Prefix.Redis.Tests.Commands;

public class SortedSetCommandTests
{
    [Theory]
    [InlineData(SortedSetWhen.Always, false, 1, 5.0, 1.0)]
    [InlineData(SortedSetWhen.Always, true, 2, 5.0, 1.0)]
    [InlineData(SortedSetWhen.NotExists, true, 1, 2.0, 1.0)]
    [InlineData(SortedSetWhen.Exists, true, 1, 5.0, null)]
    [InlineData(SortedSetWhen.GreaterThan, true, 2, 5.0, 1.0)]
    [InlineData(SortedSetWhen.LessThan, true, 1, 2.0, 1.0)]
    [InlineData(SortedSetWhen.Exists | SortedSetWhen.GreaterThan, true, 1, 5.0, null)]
    public async Task SortedSetAddAsync_Flags_ReturnExpectedCountAndScores(
        SortedSetWhen when, bool returnChanged, long expectedCount, double expectedOld, double? expectedNew)
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("zadd");
        await redis.SortedSetAddAsync(key, "old", 2);

        // "old" goes 2 -> 5 (an increase), "new" would be added with score 1.
        var count = await redis.SortedSetAddAsync(key, [new SortedSetEntry("old", 5), new SortedSetEntry("new", 1)], when, returnChanged);

        Assert.Equal(expectedCount, count);
        Assert.Equal(expectedOld, await redis.SortedSetScoreAsync(key, "old"));
        Assert.Equal(expectedNew, await redis.SortedSetScoreAsync(key, "new"));
    }

    [Fact]
    public async Task SortedSetAddAsync_NotExistsWithGreaterThan_ServerRejects()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => redis.SortedSetAddAsync(TestRedis.Key("zbad"), "m", 1, SortedSetWhen.NotExists | SortedSetWhen.GreaterThan));

        Assert.Equal("ERR", error.Prefix);
    }

    [Fact]
    public async Task SortedSetRangeByScoreWithScoresAsync_LimitAndExclusive_ReturnsPage()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("zrange");
        await redis.SortedSetAddAsync(key, [.. Enumerable.Range(1, 10).Select(i => new SortedSetEntry($"m{i}", i * 1.5))]);

        var page = await redis.SortedSetRangeByScoreWithScoresAsync(key, 3, 12, Exclude.Start, skip: 1, take: 3);
        var all = await redis.SortedSetRangeByScoreAsync(key);
        var upper = await redis.SortedSetRangeByScoreAsync(key, 13.5, double.PositiveInfinity);

        Assert.Equal([new("m4", 6), new("m5", 7.5), new("m6", 9)], page);
        Assert.Equal(10, all.Length);
        Assert.Equal(["m9", "m10"], upper.Select(v => v.ToString()));
    }

    [Fact]
    public async Task SortedSetRemoveCardAndPopMin_Sequence_BehaveLikeRedis()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("zpop");
        await redis.SortedSetAddAsync(key, [new SortedSetEntry("a", 3), new SortedSetEntry("b", 1), new SortedSetEntry("c", 2), new SortedSetEntry("d", 4)]);

        Assert.True(await redis.SortedSetRemoveAsync(key, "d"));
        Assert.Equal(0, await redis.SortedSetRemoveAsync(key, ["d", "zz"]));
        Assert.Equal(3, await redis.SortedSetLengthAsync(key));
        Assert.Equal([new("b", 1), new("c", 2)], await redis.SortedSetPopMinAsync(key, 2));
        Assert.Equal([new("a", 3)], await redis.SortedSetPopMinAsync(key));
        Assert.Empty(await redis.SortedSetPopMinAsync(key));
        Assert.Null(await redis.SortedSetScoreAsync(key, "a"));
        Assert.Equal(0, await redis.SortedSetLengthAsync(key));
    }

    [Fact]
    public async Task SortedSetAddAsync_InfiniteAndFractionalScores_RoundTrip()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("zinf");

        await redis.SortedSetAddAsync(key, [new SortedSetEntry("low", double.NegativeInfinity), new SortedSetEntry("mid", 0.1), new SortedSetEntry("high", double.PositiveInfinity)]);

        var entries = await redis.SortedSetRangeByScoreWithScoresAsync(key);
        Assert.Equal([double.NegativeInfinity, 0.1, double.PositiveInfinity], entries.Select(e => e.Score));
    }
}
