namespace Prefix.Edge.Recording;

/// <summary>Shipping the hit log to Redis. Bound from the <c>Shipper</c> section.</summary>
public sealed class ShipperOptions
{
    public const string Section = "Shipper";

    /// <summary>The Redis Stream hits go to. Default <c>prefix:hits</c>.</summary>
    public string Stream { get; set; } = "prefix:hits";

    /// <summary>Hits per pipelined batch. Default 2000.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Approximate cap on the stream's length (XADD MAXLEN ~). Off by default (0): trimming could drop
    /// hits the ingest has not read yet; the ingest trims what it has stored instead.
    /// </summary>
    public long MaxStreamLength { get; set; }

    /// <summary>First wait after a failed batch; doubles up to <see cref="MaxBackoff"/>. Default 100 ms.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between retries. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
