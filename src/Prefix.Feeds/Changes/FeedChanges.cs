using Prefix.Feeds.Model;

namespace Prefix.Feeds.Changes;

/// <summary>The result of comparing a new parse with the previous fingerprint.</summary>
public sealed record FeedChanges
{
    /// <summary>What to store for the next comparison (always, even when nothing changed: removal counters move).</summary>
    public required FeedFingerprint Next { get; init; }

    /// <summary>No previous fingerprint: everything is new (not a reset).</summary>
    public bool IsFirstParse { get; init; }

    /// <summary>Normalized-feed field names (FEEDS.md JSON names, e.g. "title", "imageUrl") whose value changed.</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <summary>Items whose key the previous fingerprint did not hold (all items on a first parse), in document order.</summary>
    public IReadOnlyList<NormalizedEpisode> Added { get; init; } = [];

    /// <summary>Known items whose content hash changed, in document order.</summary>
    public IReadOnlyList<NormalizedEpisode> Updated { get; init; } = [];

    /// <summary>
    /// Episode ids confirmed removed (missing from K consecutive good parses, feed not merely truncated), in id order.
    /// On a reset: every previous item missing from this parse, without waiting.
    /// </summary>
    public IReadOnlyList<Guid> Removed { get; init; } = [];

    /// <summary>More than half the items new at once, or guids rewritten: publish one feed.reset instead of the lists.</summary>
    public bool IsReset { get; init; }

    /// <summary>True when anything at all changed (fields, episodes or reset).</summary>
    public bool HasChanges => IsFirstParse || IsReset || ChangedFields.Count > 0 || Added.Count > 0 || Updated.Count > 0 || Removed.Count > 0;
}
