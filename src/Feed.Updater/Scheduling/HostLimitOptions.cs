namespace Feed.Updater.Scheduling;

/// <summary>One registrable domain's budget (an entry of <see cref="SchedulingOptions.HostOverrides"/>).</summary>
internal sealed class HostLimitOptions
{
    /// <summary>Polls at once. Default 8.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Polls started per second. Default 20.</summary>
    public double RatePerSecond { get; set; } = 20;
}
