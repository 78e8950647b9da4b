using Feed.FakeHost.Configuration;

namespace Feed.FakeHost.Model;

/// <summary>
/// The deterministic model behind the fake host: which feed misbehaves how, how big it is, and which version it is at.
/// </summary>
/// <remarks>
/// 1. Each property of feed n draws an independent hash of (seed, n, property), so the fault bands, validator modes
///    and gzip capability are uncorrelated and stable across runs and restarts.
/// 2. Items: log-normal with the configured median and σ = 1.07, which puts ~3 % of feeds above 300 items and the
///    mean near 1.8 × the median, like the long tail of real directories.
/// 3. Versions: version(n, t) = floor((t + phase) / period). A poller that looks every I seconds sees a new version on
///    I / period of its polls; periods are spread log-uniformly over ×0.5–×2 of a base chosen so the mean of I / period
///    is exactly the configured change fraction. Each version adds one newest item dated at the version's start, so
///    feeds always look active.
/// </remarks>
internal sealed class FeedModel
{
    /// <summary>Episodes are numbered from this instant so numbers stay small (items before it carry no itunes:episode).</summary>
    public static readonly long EpisodeEpochMs = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private const double ItemSigma = 1.07;
    private const double PeriodSpread = 2.0;

    private readonly FakeHostOptions _options;
    private readonly double[] _faultBands;
    private readonly double _basePeriodMs;

    public FeedModel(FakeHostOptions options)
    {
        _options = options;
        Seed = options.Seed;
        BaseUrl = options.BaseUrl;
        double running = 0;
        _faultBands =
        [
            running += options.SlowFraction, running += options.ErrorFraction, running += options.HtmlFraction,
            running += options.MalformedFraction, running += options.NotFoundFraction, running += options.GoneFraction,
            running += options.TooManyRequestsFraction, running += options.RedirectFraction,
        ];

        // E[1/m] for m log-uniform on [1/s, s] is (s − 1/s) / ln(s²); scaling the base by it makes the mean change rate exact.
        var meanInverse = (PeriodSpread - (1 / PeriodSpread)) / Math.Log(PeriodSpread * PeriodSpread);
        _basePeriodMs = options.PollInterval.TotalMilliseconds / options.ChangeFraction * meanInverse;
    }

    public ulong Seed { get; }

    public string BaseUrl { get; }

    public int FeedCount => _options.FeedCount;

    public FeedProfile Profile(int n)
    {
        var seed = _options.Seed;
        var isBig = n == _options.BigFeed;
        var behavior = isBig ? FeedBehavior.Normal : Behavior(Mix.Unit(Mix.Hash(seed, (ulong)n, 1)));

        var v = Mix.Unit(Mix.Hash(seed, (ulong)n, 2));
        var validators = isBig || v >= _options.NoValidatorsFraction + _options.LastModifiedOnlyFraction ? ValidatorMode.Both
            : v < _options.NoValidatorsFraction ? ValidatorMode.None
            : ValidatorMode.LastModifiedOnly;

        var gzip = Mix.Unit(Mix.Hash(seed, (ulong)n, 3)) < _options.GzipFraction;
        var items = isBig ? _options.BigFeedItems : ItemCount(Mix.Hash(seed, (ulong)n, 4), Mix.Hash(seed, (ulong)n, 5));

        var spread = Math.Exp(Math.Log(1 / PeriodSpread) + (Mix.Unit(Mix.Hash(seed, (ulong)n, 6)) * Math.Log(PeriodSpread * PeriodSpread)));
        var period = Math.Max(1000L, (long)(_basePeriodMs * spread));
        var phase = (long)(Mix.Unit(Mix.Hash(seed, (ulong)n, 7)) * period);

        var slow = Mix.Hash(seed, (ulong)n, 9);
        var minDelay = _options.SlowDelayMin.TotalMilliseconds;
        var slowDelay = (int)(minDelay + (Mix.Unit(slow) * (_options.SlowDelayMax.TotalMilliseconds - minDelay)));
        return new FeedProfile(n, behavior, validators, gzip, items, period, phase, slowDelay, (slow & 1) == 0, Mix.Hash(seed, (ulong)n, 10));
    }

    public static long Version(in FeedProfile profile, long nowMs) => (nowMs + profile.PhaseMs) / profile.PeriodMs;

    /// <summary>When <paramref name="version"/> began (unix ms): its Last-Modified and its newest item's pubDate.</summary>
    public static long VersionStartMs(in FeedProfile profile, long version) => (version * profile.PeriodMs) - profile.PhaseMs;

    /// <summary>The itunes:episode of the item a version introduced; ≤ 0 means "before the numbering began".</summary>
    public static long EpisodeNumber(in FeedProfile profile, long itemVersion) => itemVersion - Version(profile, EpisodeEpochMs);

    public bool MediaIgnoresRange(int n) => Mix.Unit(Mix.Hash(_options.Seed, (ulong)n, 8)) < _options.MediaIgnoreRangeFraction;

    private FeedBehavior Behavior(double u)
    {
        for (var i = 0; i < _faultBands.Length; i++)
        {
            if (u < _faultBands[i])
            {
                return (FeedBehavior)(i + 1);
            }
        }

        return FeedBehavior.Normal;
    }

    private int ItemCount(ulong h1, ulong h2)
    {
        // Box–Muller: one standard normal from two uniforms; u1 in (0, 1] keeps the log finite.
        var u1 = 1.0 - Mix.Unit(h1);
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * Mix.Unit(h2));
        var items = (int)Math.Round(_options.MedianItems * Math.Exp(ItemSigma * z));
        return Math.Clamp(items, 1, _options.MaxItems);
    }
}
