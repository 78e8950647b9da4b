namespace Prefix.Pipeline.Tests.Support;

/// <summary>How much load, how fast and over how many connections.</summary>
internal sealed record HitLoadOptions
{
    public int MaxRequests { get; init; } = 10_000;

    /// <summary>No new request starts after this long.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>0: as fast as the connections go.</summary>
    public int RatePerSecond { get; init; }

    public int Concurrency { get; init; } = 32;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
