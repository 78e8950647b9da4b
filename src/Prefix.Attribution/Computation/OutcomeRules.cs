namespace Prefix.Attribution.Computation;

/// <summary>
/// Prior listener, unknown history, conversion and retention for one key (ATTRIBUTION.md, "Definitions").
/// Window edges: the prior lookback is [tx − L, tx) (a download at tx itself is not prior), the conversion window
/// [tx, tx + W] includes both ends, retention looks at [ty, ty + 30 d].
/// </summary>
internal sealed class OutcomeRules
{
    private readonly TimeSpan _window;
    private readonly TimeSpan _lookback;
    private readonly DateTimeOffset? _trackedSince;
    private readonly IReadOnlySet<Guid> _dropped;
    private readonly IReadOnlyDictionary<Guid, DateTimeOffset>? _publishedAt;
    private readonly TimeSpan _retention;

    public OutcomeRules(
        TimeSpan window,
        TimeSpan lookback,
        DateTimeOffset? trackedSince,
        IReadOnlySet<Guid> dropped,
        IReadOnlyDictionary<Guid, DateTimeOffset>? publishedAt,
        TimeSpan retention)
    {
        _window = window;
        _lookback = lookback;
        _trackedSince = trackedSince;
        _dropped = dropped;
        _publishedAt = publishedAt;
        _retention = retention;
    }

    public TimeSpan Window => _window;

    /// <param name="promoted">The key's downloads of A, sorted by time.</param>
    /// <param name="tx">The key's (pseudo-)exposure time.</param>
    public KeyOutcome Evaluate(Hit[] promoted, DateTimeOffset tx)
    {
        var start = ShowDownloads.LowerBound(promoted, tx - _lookback);
        if (start < promoted.Length && promoted[start].Time < tx)
        {
            return new KeyOutcome(KeyStatus.Prior, null, false);
        }

        // We saw no A download, but only a fully tracked lookback proves the key is new.
        if (_trackedSince is { } since && since > tx - _lookback)
        {
            return new KeyOutcome(KeyStatus.Unknown, null, false);
        }

        var end = tx + _window;
        for (var i = start; i < promoted.Length && promoted[i].Time <= end; i++)
        {
            if (!_dropped.Contains(promoted[i].EpisodeId))
            {
                return new KeyOutcome(KeyStatus.Eligible, promoted[i].Time, IsRetained(promoted, i));
            }
        }

        return new KeyOutcome(KeyStatus.Eligible, null, false);
    }

    /// <summary>
    /// Retained: ≥ 2 distinct A episodes (the converting one included) downloaded in [ty, ty + 30 d], or a later
    /// download (any time after ty, within the data) of an A episode published after ty — the key came back for new
    /// content, which for a monthly show happens after 30 d. Dropped copies never count.
    /// </summary>
    private bool IsRetained(Hit[] promoted, int conversion)
    {
        var ty = promoted[conversion].Time;
        var first = promoted[conversion].EpisodeId;
        var end = ty + _retention;
        for (var i = conversion + 1; i < promoted.Length; i++)
        {
            var episode = promoted[i].EpisodeId;
            if (_dropped.Contains(episode))
            {
                continue;
            }

            if (promoted[i].Time <= end && episode != first)
            {
                return true;
            }

            if (promoted[i].Time > ty && _publishedAt is not null
                && _publishedAt.TryGetValue(episode, out var published) && published > ty)
            {
                return true;
            }

            if (promoted[i].Time > end && _publishedAt is null)
            {
                return false;
            }
        }

        return false;
    }
}
