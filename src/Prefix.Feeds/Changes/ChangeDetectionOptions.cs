namespace Prefix.Feeds.Changes;

/// <summary>Thresholds of FEEDS.md ("Change detection"); <see cref="ChangeDetector"/> explains each rule.</summary>
public sealed record ChangeDetectionOptions
{
    /// <summary>An item counts as removed after it is missing from this many consecutive good parses (1–255). Default 3.</summary>
    public int RemovalConfirmations { get; init; } = 3;

    /// <summary>More than this fraction of the items new at once (or guids rewritten) is one feed.reset (0–1). Default 0.5.</summary>
    public double ResetFraction { get; init; } = 0.5;

    /// <summary>
    /// The "many new at once" reset needs at least this many items in the previous fingerprint, so a young feed that
    /// goes from 1 to 3 episodes is growth, not a reset. Default 4.
    /// </summary>
    public int ResetMinimumItems { get; init; } = 4;

    /// <summary>
    /// This many new items whose enclosure a now-missing item had (same audio, new id) at once is a guid rewrite and a
    /// feed.reset, whatever the fraction; fewer (one corrected guid) stay an ordinary add and a later removal. Default 3.
    /// </summary>
    public int GuidRewriteMinimum { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the field and the bad value.</summary>
    public void Validate()
    {
        // The missing count is stored in one byte (FeedFingerprint format).
        ArgumentOutOfRangeException.ThrowIfLessThan(RemovalConfirmations, 1, nameof(RemovalConfirmations));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RemovalConfirmations, byte.MaxValue, nameof(RemovalConfirmations));
        if (!(ResetFraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ResetFraction), ResetFraction, "ResetFraction must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ResetMinimumItems, nameof(ResetMinimumItems));
        ArgumentOutOfRangeException.ThrowIfLessThan(GuidRewriteMinimum, 1, nameof(GuidRewriteMinimum));
    }
}
