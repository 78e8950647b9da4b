namespace Prefix.Feeds.Changes;

/// <summary>Thresholds of FEEDS.md ("Change detection").</summary>
public sealed record ChangeDetectionOptions
{
    /// <summary>An item counts as removed after it is missing from this many consecutive good parses. Default 3.</summary>
    public int RemovalConfirmations { get; init; } = 3;

    /// <summary>More than this fraction of the items new at once (or guids rewritten) is one feed.reset. Default 0.5.</summary>
    public double ResetFraction { get; init; } = 0.5;
}
