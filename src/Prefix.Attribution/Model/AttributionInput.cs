namespace Prefix.Attribution.Model;

/// <summary>Everything <see cref="Computation.AttributionCalculator"/> needs for one collaboration; no I/O happens later.</summary>
public sealed class AttributionInput
{
    /// <summary>The collaboration being measured.</summary>
    public required Collaboration Collaboration { get; init; }

    /// <summary>
    /// Qualified downloads of A and B (and of the host shows of <see cref="OtherCollaborations"/>), from at least
    /// t0 − (pre-period span + P + W + L) up to t0 + P + W; other shows are ignored.
    /// </summary>
    public required IReadOnlyList<QualifiedDownload> Downloads { get; init; }

    /// <summary>B's episodes with air times, for the pre-period baseline; empty disables it.</summary>
    public IReadOnlyList<HostEpisode> HostEpisodes { get; init; } = [];

    /// <summary>A's tracking history and coverage.</summary>
    public ShowHistory PromotedHistory { get; init; } = ShowHistory.Complete;

    /// <summary>Publish time of A's episodes, for "retained: an A episode published after conversion"; optional.</summary>
    public IReadOnlyDictionary<Guid, DateTimeOffset>? PromotedEpisodePublishedAt { get; init; }

    /// <summary>dai holdout requests; used only when the kind is dai.</summary>
    public IReadOnlyList<HoldoutRequest> Holdout { get; init; } = [];

    /// <summary>Other collaborations promoting the same A, for equal fractional credit.</summary>
    public IReadOnlyList<Collaboration> OtherCollaborations { get; init; } = [];

    /// <summary>Time up to which <see cref="Downloads"/> is complete; a note warns when windows are still open.</summary>
    public DateTimeOffset? DataEnd { get; init; }
}
