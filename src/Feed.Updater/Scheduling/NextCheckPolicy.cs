using Microsoft.Extensions.Options;

namespace Feed.Updater.Scheduling;

/// <summary>
/// When a feed is checked next (FEEDS.md "Scheduling"). Pure: the caller passes the clock in
/// <see cref="NextCheckInput.Now"/>, jitter comes from the injected <see cref="Random"/>.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><b>Tier.</b> The base interval follows the newest episode's age: ≤ 14 days → <see cref="SchedulingOptions.ActiveInterval"/>
/// (15 min), ≤ 90 days → <see cref="SchedulingOptions.RecentInterval"/> (1 h), ≤ 1 year → <see cref="SchedulingOptions.QuietInterval"/>
/// (6 h), older or unknown → <see cref="SchedulingOptions.IdleInterval"/> (24 h); then clamped to
/// [<see cref="SchedulingOptions.MinInterval"/>, <see cref="SchedulingOptions.MaxInterval"/>]. A future-dated episode counts as fresh.</item>
/// <item><b>Backoff.</b> With <c>n</c> consecutive errors the interval is multiplied by 2^min(n, <see cref="SchedulingOptions.MaxBackoffExponent"/>),
/// and the product is capped at <see cref="SchedulingOptions.MaxErrorBackoff"/> (24 h): an erroring feed is still
/// tried daily until the dead rule takes over. The cap never shortens the base (an idle feed stays at its tier).</item>
/// <item><b>Server hints.</b> The interval is raised to at least the cache hint (RSS <c>ttl</c>, <c>max-age</c>, <c>Expires</c>)
/// and to at least <c>Retry-After</c>, each first capped at <see cref="SchedulingOptions.MaxServerHint"/> so a
/// server cannot push us out for a month (Miniflux does the same max()).</item>
/// <item><b>Jitter.</b> ± a uniform 10–25 % of the interval, sign random, so feeds registered together spread out.
/// When <c>Retry-After</c> decided, the jitter only adds: checking before the server asked would ignore
/// RFC 9110 §10.2.3.</item>
/// <item><b>Dead.</b> A dead feed is checked every <see cref="SchedulingOptions.DeadInterval"/> (30 days) ± jitter.</item>
/// </list>
/// </remarks>
internal sealed class NextCheckPolicy(IOptions<SchedulingOptions> options, Random random)
{
    private readonly SchedulingOptions _options = options.Value;
    private readonly Lock _randomLock = new();

    public NextCheckDecision Decide(NextCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dead)
        {
            return new NextCheckDecision(input.Now + Jitter(_options.DeadInterval, upOnly: false), "dead");
        }

        var (tierInterval, reason) = Tier(input.LatestEpisodeAt, input.Now);
        var interval = Clamp(tierInterval, _options.MinInterval, _options.MaxInterval);

        if (input.ConsecutiveErrors > 0)
        {
            var exponent = Math.Min(input.ConsecutiveErrors, _options.MaxBackoffExponent);
            var cap = Max(interval, _options.MaxErrorBackoff);
            var backedOff = interval.Ticks * Math.Pow(2, exponent);
            interval = backedOff >= cap.Ticks ? cap : TimeSpan.FromTicks((long)backedOff);
            reason = "backoff:" + input.ConsecutiveErrors.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (input.ServerCacheHint is { } cache && Min(cache, _options.MaxServerHint) is var cappedCache && cappedCache > interval)
        {
            interval = cappedCache;
            reason = "server-cache";
        }

        var upOnly = false;
        if (input.RetryAfter is { } retry && Min(retry, _options.MaxServerHint) is var cappedRetry && cappedRetry > interval)
        {
            interval = cappedRetry;
            reason = "retry-after";
            upOnly = true;
        }

        return new NextCheckDecision(input.Now + Jitter(interval, upOnly), reason);
    }

    /// <summary>
    /// Dead after <see cref="SchedulingOptions.DeadAfterErrors"/> (30) failures in a row <b>and</b> no good poll for
    /// <see cref="SchedulingOptions.DeadAfter"/> (14 days). Both, so a flaky host that fails often but recovers
    /// is never written off, and a fast run of errors (backoff is capped at a day) cannot kill a feed in an
    /// afternoon. A feed that never had a good poll is judged by the count alone.
    /// </summary>
    public bool IsDead(int consecutiveErrors, DateTimeOffset? lastGoodAt, DateTimeOffset now) =>
        consecutiveErrors >= _options.DeadAfterErrors
        && (lastGoodAt is not { } good || now - good >= _options.DeadAfter);

    private (TimeSpan Interval, string Reason) Tier(DateTimeOffset? latestEpisodeAt, DateTimeOffset now)
    {
        if (latestEpisodeAt is not { } latest)
        {
            return (_options.IdleInterval, "tier:old");
        }

        var age = now - latest;
        return age switch
        {
            _ when age <= TimeSpan.FromDays(14) => (_options.ActiveInterval, "tier:14d"),
            _ when age <= TimeSpan.FromDays(90) => (_options.RecentInterval, "tier:90d"),
            _ when age <= TimeSpan.FromDays(365) => (_options.QuietInterval, "tier:1y"),
            _ => (_options.IdleInterval, "tier:old"),
        };
    }

    private TimeSpan Jitter(TimeSpan interval, bool upOnly)
    {
        double fraction;
        bool negative;
        lock (_randomLock)
        {
            fraction = _options.MinJitter + (random.NextDouble() * (_options.MaxJitter - _options.MinJitter));
            negative = random.Next(2) == 0;
        }

        var sign = negative && !upOnly ? -1 : 1;
        return TimeSpan.FromTicks((long)(interval.Ticks * (1 + (sign * fraction))));
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
