namespace Attribution.Api.Listens;

/// <summary>
/// Client-reported listens (COUNTING.md, "Client-reported listens"). Bound from the <c>Listens</c> section.
/// </summary>
public sealed class ListenOptions
{
    public const string Section = "Listens";

    /// <summary>Most events one <c>POST /v1/listens</c> batch may carry; more is a 413. Default 10,000.</summary>
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>How late (after skew correction) an event may arrive and still be accepted. Default 30 days.</summary>
    public TimeSpan LateArrivalWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far in the future (after skew correction) an event may lie, for clock jitter. Default 5 minutes.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Seconds of distinct audio a device must play for a listen. Default 30.</summary>
    public double ListenThresholdSec { get; set; } = 30;

    /// <summary>How much faster than the clock positions may advance within one interval, as a fraction. Default 0.05.</summary>
    public double ClockTolerance { get; set; } = 0.05;

    /// <summary>Seconds positions may run ahead of the clock on top of <see cref="ClockTolerance"/> (timer granularity). Default 2.</summary>
    public double ClockToleranceSec { get; set; } = 2;

    /// <summary>Events one device may send in any hour before it is flagged as a flood. Default 1,000.</summary>
    public int MaxEventsPerDeviceHour { get; set; } = 1_000;

    /// <summary>
    /// How far past the feed's duration a position may be, as a fraction, before the device is flagged. Default 0.05
    /// (feed durations are rounded and dynamically inserted ads lengthen the audio).
    /// </summary>
    public double DurationTolerance { get; set; } = 0.05;

    /// <summary>Seconds past the feed's duration allowed on top of <see cref="DurationTolerance"/>. Default 5.</summary>
    public double DurationToleranceSec { get; set; } = 5;

    /// <summary>The ClickHouse table. Default <c>listen_events</c> (in the configured database).</summary>
    public string Table { get; set; } = "listen_events";

    /// <summary>The feed updater's episodes table, for enclosure URLs and durations. Default <c>episodes</c>.</summary>
    public string EpisodesTable { get; set; } = "episodes";
}
