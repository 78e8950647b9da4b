namespace Prefix.Redis.Tests.Commands;

public class StringCommandTests
{
    [Fact]
    public async Task StringSetAsync_NotExists_OnlyFirstWriteWins()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("nx");

        Assert.True(await redis.StringSetAsync(key, "first", TimeSpan.FromMinutes(1), When.NotExists));
        Assert.False(await redis.StringSetAsync(key, "second", TimeSpan.FromMinutes(1), When.NotExists));

        Assert.Equal("first", (await redis.StringGetAsync(key)).ToString());
    }

    [Fact]
    public async Task StringSetAsync_Exists_OnlyUpdatesExistingKey()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("xx");

        Assert.False(await redis.StringSetAsync(key, "nope", when: When.Exists));
        Assert.False(await redis.KeyExistsAsync(key));
        await redis.StringSetAsync(key, "v1", TimeSpan.FromMinutes(1));
        Assert.True(await redis.StringSetAsync(key, "v2", TimeSpan.FromMinutes(1), When.Exists));

        Assert.Equal("v2", (await redis.StringGetAsync(key)).ToString());
    }

    [Theory]
    [InlineData(100_000, 99_000)]
    [InlineData(1_500, 1_000)]
    public async Task StringSetAsync_WithExpiry_SetsTimeToLive(int expiryMs, int atLeastMs)
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("ttl");

        await redis.StringSetAsync(key, "v", TimeSpan.FromMilliseconds(expiryMs));

        var ttl = await redis.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value.TotalMilliseconds, atLeastMs, expiryMs);
    }

    [Fact]
    public async Task StringSetAsync_ShortExpiry_KeyDisappears()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("px");

        await redis.StringSetAsync(key, "v", TimeSpan.FromMilliseconds(50));
        await Task.Delay(150);

        Assert.True((await redis.StringGetAsync(key)).IsNull);
    }

    [Fact]
    public async Task KeyExpireAsync_ExistingAndMissingKey_SetsTtlOrReportsMissing()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("expire");
        await redis.StringSetAsync(key, "v");

        Assert.Null(await redis.KeyTimeToLiveAsync(key));
        Assert.True(await redis.KeyExpireAsync(key, TimeSpan.FromSeconds(30)));
        Assert.InRange((await redis.KeyTimeToLiveAsync(key))!.Value.TotalSeconds, 29, 30);
        Assert.False(await redis.KeyExpireAsync(TestRedis.Key("missing"), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task KeyDeleteAndExists_SeveralKeys_CountOnlyExisting()
    {
        await using var redis = await TestRedis.ConnectAsync();
        string[] keys = [TestRedis.Key("d1"), TestRedis.Key("d2"), TestRedis.Key("d3")];
        await redis.StringSetAsync(keys[0], "1");
        await redis.StringSetAsync(keys[1], "2");

        Assert.Equal(2, await redis.KeyExistsAsync(keys));
        Assert.True(await redis.KeyExistsAsync(keys[0]));
        Assert.Equal(2, await redis.KeyDeleteAsync(keys));
        Assert.False(await redis.KeyDeleteAsync(keys[0]));
        Assert.Equal(0, await redis.KeyExistsAsync(keys));
    }

    [Fact]
    public async Task StringIncrementAsync_IncrAndIncrBy_ReturnNewValues()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("incr");

        Assert.Equal(1, await redis.StringIncrementAsync(key));
        Assert.Equal(11, await redis.StringIncrementAsync(key, 10));
        Assert.Equal(-89, await redis.StringIncrementAsync(key, -100));
    }

    [Fact]
    public async Task StringIncrementAsync_NonInteger_ThrowsServerError()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("incr-bad");
        await redis.StringSetAsync(key, "abc");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.StringIncrementAsync(key));

        Assert.Equal("ERR", error.Prefix);
        Assert.Contains("not an integer", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StringGetAsync_Mget_ReturnsValuesAndNullsInKeyOrder()
    {
        await using var redis = await TestRedis.ConnectAsync();
        string[] keys = [TestRedis.Key("m1"), TestRedis.Key("m2"), TestRedis.Key("m3")];
        await redis.StringSetAsync(keys[0], "a");
        await redis.StringSetAsync(keys[2], 42);

        var values = await redis.StringGetAsync(keys);

        Assert.Equal("a", values[0].ToString());
        Assert.True(values[1].IsNull);
        Assert.Equal(42, (long)values[2]);
    }

    [Fact]
    public async Task StringSetAsync_AllByteValues_RoundTripBinarySafe()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("binary");
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("\r\n$-1\r\n"u8.ToArray()).ToArray();

        await redis.StringSetAsync(key, payload, TimeSpan.FromMinutes(1));

        Assert.Equal(payload, (byte[]?)await redis.StringGetAsync(key));
        Assert.Equal(payload.Length, (await redis.ExecuteAsync("STRLEN", key)).AsInt64());
    }

    [Fact]
    public async Task StringSetAsync_TenMegabyteValue_RoundTrips()
    {
        await using var redis = await TestRedis.ConnectAsync(o => o.CommandTimeout = TimeSpan.FromSeconds(20));
        var key = TestRedis.Key("big");
        var payload = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(payload);

        await redis.StringSetAsync(key, new ReadOnlyMemory<byte>(payload), TimeSpan.FromMinutes(1));
        var back = (byte[]?)await redis.StringGetAsync(key);
        await redis.KeyDeleteAsync(key);

        Assert.True(payload.AsSpan().SequenceEqual(back));
    }

    [Fact]
    public async Task StringSetAsync_UnicodeText_RoundTripsAsUtf8()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("utf8");
        const string text = "Grüße, 世界 🎙";

        await redis.StringSetAsync(key, text, TimeSpan.FromMinutes(1));

        Assert.Equal(text, (await redis.StringGetAsync(key)).ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), (await redis.ExecuteAsync("STRLEN", key)).AsInt64());
    }
}
