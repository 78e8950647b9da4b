using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

public class CountingEngineInputTests
{
    private static List<CountingHit> Mixed()
    {
        var hits = new List<CountingHit>();
        for (var i = 0; i < 40; i++)
        {
            var time = Day.AddHours(i * 1.7);
            hits.Add(Get(time, i % 3 == 0 ? "bytes=0-1" : i % 3 == 1 ? "bytes=0-149999" : "bytes=150000-", listener: $"l{i % 4}", episode: $"https://h/e{i % 2}.mp3", household: $"h{i % 4}"));
        }

        return hits;
    }

    [Theory]
    [InlineData(CountingWindow.Calendar, CountingMode.Prefix)]
    [InlineData(CountingWindow.RollingFirst, CountingMode.Strict)]
    [InlineData(CountingWindow.RollingLast, CountingMode.Prefix)]
    public void Count_AnyInputOrder_SameResultAsSortedStream(CountingWindow window, CountingMode mode)
    {
        var rules = new CountingRules { Window = window, Mode = mode };
        var sorted = Mixed().OrderBy(h => h.EpisodeKey, StringComparer.Ordinal).ThenBy(h => h.ListenerKey, StringComparer.Ordinal).ThenBy(h => h.Time).ToList();
        var shuffled = Mixed();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        var fromStream = CountingEngine.CountSorted(sorted, Facts(Standard), rules);
        var fromAny = CountingEngine.Count(shuffled, Facts(Standard), rules);

        Assert.NotEmpty(fromStream.Downloads);
        Assert.Equal(
            fromStream.Downloads.Select(d => (d.EpisodeKey, d.ListenerKey, d.WindowStart, d.QualifiedAt, d.Probe)),
            fromAny.Downloads.Select(d => (d.EpisodeKey, d.ListenerKey, d.WindowStart, d.QualifiedAt, d.Probe)));
    }

    [Fact]
    public void CountSorted_TimeGoesBackInGroup_Throws()
    {
        var hits = new[] { Get(Day.AddHours(2)), Get(Day.AddHours(1)) };

        Assert.Throws<ArgumentException>(() => CountingEngine.CountSorted(hits, Facts(Standard), new CountingRules()));
    }

    [Fact]
    public void CountSorted_GroupComesBack_Throws()
    {
        var hits = new[] { Get(Day, listener: "a"), Get(Day, listener: "b"), Get(Day.AddHours(1), listener: "a") };

        Assert.Throws<ArgumentException>(() => CountingEngine.CountSorted(hits, Facts(Standard), new CountingRules()));
    }

    [Fact]
    public void Count_SameHitTwice_CountedOnce()
    {
        var first = Get(Day, "bytes=0-149999");
        var again = first with { };
        var rest = Get(Day.AddSeconds(1), "bytes=150000-239999");

        var result = Count(Standard, CountingMode.Strict, first, again, rest);

        Assert.Equal(1, result.DuplicateHits);
        Assert.Equal(2, result.EligibleHits);
        Assert.Single(result.Downloads);
    }

    [Fact]
    public void Count_FactsAskedOncePerEpisode()
    {
        var asked = new List<string>();
        EpisodeFacts? Lookup(string key)
        {
            asked.Add(key);
            return Standard;
        }

        CountingEngine.Count(Mixed(), Lookup, new CountingRules());

        Assert.Equal(["https://h/e0.mp3", "https://h/e1.mp3"], asked);
    }

    [Theory]
    [InlineData(CountingWindow.Calendar, CountingMode.Prefix, "calendar", "prefix")]
    [InlineData(CountingWindow.RollingFirst, CountingMode.Strict, "rolling-first", "strict")]
    [InlineData(CountingWindow.RollingLast, CountingMode.Prefix, "rolling-last", "prefix")]
    public void Count_AnyRun_CarriesRulesetWindowAndMode(CountingWindow window, CountingMode mode, string windowName, string modeName)
    {
        var withHits = CountingEngine.Count(Mixed(), Facts(Standard), new CountingRules { Window = window, Mode = mode });
        var empty = CountingEngine.Count([], Facts(null), new CountingRules { Window = window, Mode = mode });

        foreach (var result in new[] { withHits, empty })
        {
            Assert.Equal(CountingRules.RulesetVersion, result.RulesetVersion);
            Assert.False(string.IsNullOrEmpty(result.RulesetVersion));
            Assert.Equal(window, result.Window);
            Assert.Equal(mode, result.Mode);
            Assert.Equal(windowName, result.WindowName);
            Assert.Equal(modeName, result.ModeName);
        }
    }

    [Theory]
    [InlineData("calendar", true, CountingWindow.Calendar)]
    [InlineData("Rolling-First", true, CountingWindow.RollingFirst)]
    [InlineData("rolling-last", true, CountingWindow.RollingLast)]
    [InlineData("rolling", false, CountingWindow.Calendar)]
    [InlineData(null, false, CountingWindow.Calendar)]
    public void TryParseWindow_WireNames_Parsed(string? text, bool ok, CountingWindow window)
    {
        Assert.Equal(ok, CountingNames.TryParseWindow(text, out var parsed));
        Assert.Equal(window, parsed);
    }

    [Theory]
    [InlineData("prefix", true, CountingMode.Prefix)]
    [InlineData("STRICT", true, CountingMode.Strict)]
    [InlineData("lenient", false, CountingMode.Prefix)]
    public void TryParseMode_WireNames_Parsed(string? text, bool ok, CountingMode mode)
    {
        Assert.Equal(ok, CountingNames.TryParseMode(text, out var parsed));
        Assert.Equal(mode, parsed);
    }
}
