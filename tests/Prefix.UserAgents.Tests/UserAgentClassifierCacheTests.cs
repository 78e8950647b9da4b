using Prefix.Testing;

namespace Prefix.UserAgents.Tests;

[Collection(UserAgentDataGroup.Name)]
public sealed class UserAgentClassifierCacheTests(ClassifierFixture data)
{
    [Theory]
    [InlineData("AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)")]
    [InlineData("Spotify/8.6.98 Android/31 (SM-G991B)")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("curl/8.5.0")]
    [InlineData("atc/1.0 watchOS/7.3 model/Watch5,4 hwp/t8006 build/18S178 (6; dt:203)")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")]
    public void Classify_RepeatedAgent_CachedAnswerEqualsCold(string userAgent)
    {
        var cold = data.Classifier.ClassifyUncached(userAgent);

        var first = data.Classifier.Classify(userAgent);
        var second = data.Classifier.Classify(userAgent);

        Assert.Equal(cold, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Classify_MillionDistinctAgents_CacheStaysBounded()
    {
        var classifier = UserAgentClassifier.Load(RepositoryPaths.DataDirectory, cacheCapacity: 10_000);

        // Distinct agents that our table decides on its third row, so the million stays within seconds.
        Parallel.For(0, 1_000_000, i =>
            classifier.Classify($"Overcast/1.0 Podcast Sync ({i} subscribers; feed-id={i}; +http://overcast.fm/)"));

        Assert.InRange(classifier.CachedCount, 1, classifier.CacheCapacity + Environment.ProcessorCount);
    }
}
