namespace Prefix.Redis.Tests.Connection;

public class PipeliningTests
{
    [Fact]
    public async Task StringIncrementAsync_TenThousandInOneBurst_AnswersMatchTheirCommandsInOrder()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("burst-incr");

        var tasks = new Task<long>[10_000];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = redis.StringIncrementAsync(key);
        }

        var results = await TestRedis.Within(Task.WhenAll(tasks));

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), results);
    }

    [Fact]
    public async Task StringSetAndGet_TenThousandInterleavedInOneBurst_EachGetSeesItsOwnValue()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var prefix = TestRedis.Key("burst-get");

        var sets = new List<Task<bool>>();
        var gets = new List<Task<RedisValue>>();
        for (var i = 0; i < 5_000; i++)
        {
            sets.Add(redis.StringSetAsync($"{prefix}:{i}", $"value-{i}", TimeSpan.FromMinutes(1)));
            gets.Add(redis.StringGetAsync($"{prefix}:{i}"));
        }

        await TestRedis.Within(Task.WhenAll(sets));
        var values = await TestRedis.Within(Task.WhenAll(gets));

        Assert.All(sets, s => Assert.True(s.Result));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal($"value-{i}", values[i].ToString());
        }
    }

    [Fact]
    public async Task ExecuteAsync_ManyConcurrentCallers_AllAnsweredCorrectly()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("callers");

        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var echoed = await redis.ExecuteAsync("ECHO", $"{c}:{i}");
                Assert.Equal($"{c}:{i}", echoed.AsString());
                await redis.HashIncrementAsync(key, $"caller{c}");
            }
        }));
        await TestRedis.Within(Task.WhenAll(callers), 30);

        var counts = await redis.HashGetAllAsync(key);
        Assert.Equal(8, counts.Length);
        Assert.All(counts, e => Assert.Equal(500, (long)e.Value));
    }
}
