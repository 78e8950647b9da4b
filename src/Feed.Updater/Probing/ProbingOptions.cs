namespace Feed.Updater.Probing;

/// <summary>The enclosure ID3 probe (config section <c>Updater:Probing</c>).</summary>
internal sealed class ProbingOptions
{
    public const string Section = "Updater:Probing";

    /// <summary>Run the probe worker on this instance. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Enclosures taken from the queue at a time. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Probes in flight at once. Default 8.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Pause when the queue is empty or a store is down. Default 1 s.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe waits for its media host's budget before giving up (recorded as not probed). Default 5 s.</summary>
    public TimeSpan HostWait { get; set; } = TimeSpan.FromSeconds(5);
}
