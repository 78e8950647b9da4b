namespace Feed.FakeHost.Model;

/// <summary>Everything fixed about feed n: derived from (seed, n) on every request, never stored.</summary>
internal readonly record struct FeedProfile(
    int Number,
    FeedBehavior Behavior,
    ValidatorMode Validators,
    bool Gzip,
    int ItemCount,
    long PeriodMs,
    long PhaseMs,
    int SlowDelayMs,
    bool SlowBody,
    ulong TextSeed);
