using System.Diagnostics;
using Xunit.Abstractions;

namespace Prefix.Counting.Tests;

/// <summary>A day of ~1M hits; prints throughput, asserts only the counts (timing is machine-dependent).</summary>
public class CountingEngineThroughputTests(ITestOutputHelper output)
{
    private const int Groups = 250_000;
    private const int HitsPerGroup = 4;

    [Fact]
    public void Count_OneMillionHits_FinishesAndPrintsRate()
    {
        var hits = Generate();
        var facts = new Dictionary<string, EpisodeFacts>(StringComparer.Ordinal);
        for (var e = 0; e < 500; e++)
        {
            facts[$"https://cdn.example/show{e % 50}/episode{e}.mp3"] = new EpisodeFacts(40_000_000 + e, 2_400, 1_024);
        }

        var shuffled = hits.ToArray();
        new Random(11).Shuffle(shuffled);

        var watch = Stopwatch.StartNew();
        var any = CountingEngine.Count(shuffled, k => facts.GetValueOrDefault(k), new CountingRules());
        var anyElapsed = watch.Elapsed;

        watch.Restart();
        var resorted = HitSorter.Sort(shuffled);
        var sortElapsed = watch.Elapsed;

        watch.Restart();
        var streamed = CountingEngine.CountSorted(hits, k => facts.GetValueOrDefault(k), new CountingRules());
        var streamElapsed = watch.Elapsed;

        output.WriteLine($"Count (shuffled, sorts): {hits.Count:N0} hits in {anyElapsed.TotalMilliseconds:N0} ms = {hits.Count / anyElapsed.TotalSeconds:N0} hits/s");
        output.WriteLine($"CountSorted (streamed):  {hits.Count:N0} hits in {streamElapsed.TotalMilliseconds:N0} ms = {hits.Count / streamElapsed.TotalSeconds:N0} hits/s");
        output.WriteLine($"of which sorting {hits.Count:N0} shuffled hits: {sortElapsed.TotalMilliseconds:N0} ms");
        output.WriteLine($"downloads {any.Downloads.Count:N0}, suspect {any.Suspect:N0}, bots {any.Bots:N0}, unqualified {any.UnqualifiedWindows:N0}");

        Assert.Equal(hits.Count, any.Hits);
        Assert.Equal(hits.Count, resorted.Length);
        Assert.Equal(any.Downloads.Count, streamed.Downloads.Count);
        Assert.Equal(any.Bots, streamed.Bots);
        Assert.True(any.Downloads.Count > Groups / 2);
    }

    // Sorted by (episode, listener, time): what ClickHouse ORDER BY episode_key, listener_key, ts returns.
    private static List<CountingHit> Generate()
    {
        var random = new Random(42);
        var day = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        string[] ranges = ["", "bytes=0-1", "bytes=0-", "bytes=0-65535", "bytes=65536-1999999", "bytes=2000000-", "bytes=-500000"];
        string[] agents = ["AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0 like Mac OS X; en_us)", "Spotify/8.9.10 Android/34", "Overcast/3.0", "PocketCasts/1.0"];
        var episodes = Enumerable.Range(0, 500).Select(e => $"https://cdn.example/show{e % 50}/episode{e}.mp3").OrderBy(e => e, StringComparer.Ordinal).ToArray();
        var groups = new List<(string Episode, string Listener, int Household)>(Groups);
        for (var g = 0; g < Groups; g++)
        {
            groups.Add((episodes[random.Next(episodes.Length)], $"lk{g:x8}{random.Next():x8}", random.Next(Groups / 3)));
        }

        groups.Sort((a, b) => a.Episode != b.Episode ? string.CompareOrdinal(a.Episode, b.Episode) : string.CompareOrdinal(a.Listener, b.Listener));
        var hits = new List<CountingHit>(Groups * HitsPerGroup);
        var id = 0;
        foreach (var (episode, listener, household) in groups)
        {
            var agent = agents[household % agents.Length];
            var bot = random.Next(20) == 0;
            var time = day.AddSeconds(random.Next(80_000));
            for (var h = 0; h < HitsPerGroup; h++)
            {
                hits.Add(new CountingHit
                {
                    HitId = new Guid(++id, 0, 0, new byte[8]),
                    Time = time,
                    EpisodeKey = episode,
                    ListenerKey = listener,
                    HouseholdKey = $"hk{household:x6}",
                    UserAgent = agent,
                    Range = ranges[random.Next(ranges.Length)],
                    IsBot = bot,
                    BotReason = bot ? "bot_lib" : string.Empty,
                });
                time = time.AddSeconds(random.Next(1, 120));
            }
        }

        return hits;
    }
}
