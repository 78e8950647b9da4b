namespace Prefix.Counting.Tests;

/// <summary>Builders for hits and facts; hit ids come from a counter so runs are deterministic.</summary>
internal static class TestHits
{
    public const string Episode = "https://host.example/show/ep1.mp3";
    public const string Agent = "AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0 like Mac OS X; en_us)";

    /// <summary>S = 4,000,000, D = 1,000 s, H = 0 → T = 240,000 (COUNTING.md "Union not sum").</summary>
    public static readonly EpisodeFacts Standard = new(4_000_000, 1_000);

    public static readonly DateTimeOffset Day = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static int s_next;

    public static Guid NextId() => new(Interlocked.Increment(ref s_next), 0, 0, new byte[8]);

    public static CountingHit Get(
        DateTimeOffset time,
        string range = "",
        string listener = "listener-1",
        string household = "household-1",
        string episode = Episode,
        string agent = Agent) => new()
        {
            HitId = NextId(),
            Time = time,
            Method = "GET",
            EpisodeKey = episode,
            ListenerKey = listener,
            HouseholdKey = household,
            UserAgent = agent,
            Range = range,
        };

    public static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    public static Func<string, EpisodeFacts?> Facts(EpisodeFacts? facts) => _ => facts;

    public static CountingResult Count(EpisodeFacts? facts, CountingMode mode, params CountingHit[] hits) =>
        CountingEngine.Count(hits, Facts(facts), new CountingRules { Mode = mode });

    public static CountingResult Count(EpisodeFacts? facts, CountingWindow window, params CountingHit[] hits) =>
        CountingEngine.Count(hits, Facts(facts), new CountingRules { Window = window });
}
