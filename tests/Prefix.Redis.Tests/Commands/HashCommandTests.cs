namespace Prefix.Redis.Tests.Commands;

public class HashCommandTests
{
    [Fact]
    public async Task HashSetAsync_MultipleFields_CountsOnlyNewFields()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("hset");

        Assert.Equal(2, await redis.HashSetAsync(key, [new HashEntry("a", "1"), new HashEntry("b", "2")]));
        Assert.Equal(1, await redis.HashSetAsync(key, [new HashEntry("b", "20"), new HashEntry("c", "3")]));
        Assert.False(await redis.HashSetAsync(key, "a", "10"));
        Assert.True(await redis.HashSetAsync(key, "d", "4"));

        var all = (await redis.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString()!, e => e.Value.ToString());
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "10", ["b"] = "20", ["c"] = "3", ["d"] = "4" }, all);
    }

    [Fact]
    public async Task HashGetAsync_SingleAndMultipleFields_ReturnsValuesAndNulls()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("hget");
        await redis.HashSetAsync(key, [new HashEntry("a", "1"), new HashEntry("b", new byte[] { 0, 255 })]);

        Assert.Equal("1", (await redis.HashGetAsync(key, "a")).ToString());
        Assert.True((await redis.HashGetAsync(key, "missing")).IsNull);
        var values = await redis.HashGetAsync(key, ["b", "missing", "a"]);
        Assert.Equal(new byte[] { 0, 255 }, (byte[]?)values[0]);
        Assert.True(values[1].IsNull);
        Assert.Equal(1, (long)values[2]);
    }

    [Fact]
    public async Task HashDeleteAsync_ExistingAndMissingFields_CountsDeleted()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("hdel");
        await redis.HashSetAsync(key, [new HashEntry("a", "1"), new HashEntry("b", "2"), new HashEntry("c", "3")]);

        Assert.True(await redis.HashDeleteAsync(key, "a"));
        Assert.False(await redis.HashDeleteAsync(key, "a"));
        Assert.Equal(1, await redis.HashDeleteAsync(key, ["b", "zz"]));
        Assert.Single(await redis.HashGetAllAsync(key));
    }

    [Fact]
    public async Task HashIncrementAsync_NewAndExistingField_ReturnsRunningTotal()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("hincr");

        Assert.Equal(5, await redis.HashIncrementAsync(key, "downloads", 5));
        Assert.Equal(6, await redis.HashIncrementAsync(key, "downloads"));
        Assert.Equal(-4, await redis.HashIncrementAsync(key, "downloads", -10));
    }

    [Fact]
    public async Task HashGetAllAsync_MissingKey_ReturnsEmpty()
    {
        await using var redis = await TestRedis.ConnectAsync();

        Assert.Empty(await redis.HashGetAllAsync(TestRedis.Key("none")));
    }
}
