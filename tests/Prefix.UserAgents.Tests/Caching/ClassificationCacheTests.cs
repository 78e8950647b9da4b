using Prefix.UserAgents.Caching;

namespace Prefix.UserAgents.Tests.Caching;

public sealed class ClassificationCacheTests
{
    private static readonly UserAgentInfo Info = new("Overcast", "phone", "iOS", "", false);

    [Fact]
    public void Add_MillionDistinctAgentsInParallel_StaysBounded()
    {
        var cache = new ClassificationCache(capacity: 10_000);

        Parallel.For(0, 1_000_000, i => cache.Add("agent/" + i, Info));

        // Racing writers may each overshoot a rotation by one entry.
        Assert.InRange(cache.Count, 1, cache.Capacity + Environment.ProcessorCount);
    }

    [Fact]
    public void TryGet_AgentThatKeepsArriving_SurvivesRotations()
    {
        var cache = new ClassificationCache(capacity: 100);
        cache.Add("hot", Info);

        for (var i = 0; i < 10_000; i++)
        {
            cache.Add("cold/" + i, Info);
            Assert.True(cache.TryGet("hot", out _), $"hot agent lost after {i} other agents");
        }

        Assert.False(cache.TryGet("cold/0", out _));
        Assert.True(cache.TryGet("cold/9999", out var info));
        Assert.Same(Info, info);
    }

    [Fact]
    public void Constructor_CapacityBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationCache(1));
    }
}
