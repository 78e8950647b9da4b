using System.Diagnostics;
using Xunit.Abstractions;

namespace Prefix.UserAgents.Tests;

/// <summary>Reports load cost and classification speed in the test output; nothing here asserts a timing.</summary>
[Collection(UserAgentDataGroup.Name)]
public sealed class UserAgentClassifierThroughputTests(ClassifierFixture data, ITestOutputHelper output)
{
    /// <summary>Templates for a realistic mix: browsers, Apple Podcasts, Android apps, bots; {0} varies per agent.</summary>
    private static readonly string[] Templates =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.{0}.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{0} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S{0}B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
        "AppleCoreMedia/1.0.0.21E{0} (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)",
        "Podcasts/{0}.20 CFNetwork/1333.0.4 Darwin/21.5.0",
        "Spotify/8.6.{0} Android/31 (SM-G991B)",
        "PodcastAddict/v2 - Dalvik/2.1.0 (Linux; U; Android 13; Pixel {0} Build/TQ3A.230805.001)",
        "CastBox/8.19.{0}-200927161 (Linux;Android 10) ExoPlayerLib/2.10.4",
        "Mozilla/5.0 (compatible; Googlebot/2.{0}; +http://www.google.com/bot.html)",
        "python-requests/2.{0}.0",
        "SomeUnknownPlayer/{0}.1 (Linux; Android 12)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_{0}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    ];

    [Fact]
    public void Load_RealData_ReportsCost()
    {
        var classifier = data.Classifier;
        output.WriteLine(
            $"load: {classifier.LoadTime.TotalMilliseconds:F0} ms; {classifier.KnownAgentCount} table rows, " +
            $"{classifier.CrawlerPatternCount} crawler patterns in {classifier.CrawlerRegexCount} regexes, " +
            $"{classifier.UapRuleCount} uap-core rules ({classifier.UapSkippedCrawlerRuleCount} crawler rules left out); " +
            $"{classifier.LoadWarnings.Count} patterns skipped");
        foreach (var warning in classifier.LoadWarnings)
        {
            output.WriteLine(warning);
        }

        Assert.True(classifier.LoadTime > TimeSpan.Zero);
    }

    [Fact]
    public void ClassifyUncached_DistinctAgents_ReportsColdRate()
    {
        var agents = Agents(12_000, offset: 0);
        // The first pass builds the lazily constructed NonBacktracking automata and JIT-compiles the paths.
        var warm = Agents(1_200, offset: 50_000);
        foreach (var agent in warm)
        {
            data.Classifier.ClassifyUncached(agent);
        }

        var stopwatch = Stopwatch.StartNew();
        foreach (var agent in agents)
        {
            data.Classifier.ClassifyUncached(agent);
        }

        stopwatch.Stop();
        output.WriteLine($"cold: {agents.Length / stopwatch.Elapsed.TotalSeconds:N0} agents/s on one thread " +
            $"({stopwatch.Elapsed.TotalMicroseconds / agents.Length:F1} µs each)");
    }

    [Fact]
    public void Classify_RepeatedAgents_ReportsCachedRate()
    {
        const int Calls = 2_000_000;
        var agents = Agents(1_000, offset: 100_000);
        foreach (var agent in agents)
        {
            data.Classifier.Classify(agent);
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            data.Classifier.Classify(agents[i % agents.Length]);
        }

        stopwatch.Stop();
        output.WriteLine($"cached: {Calls / stopwatch.Elapsed.TotalSeconds:N0} classifications/s on one thread " +
            $"({stopwatch.Elapsed.TotalNanoseconds / Calls:F0} ns each)");
    }

    private static string[] Agents(int count, int offset) =>
        [.. Enumerable.Range(offset, count).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[i % Templates.Length], i))];
}
