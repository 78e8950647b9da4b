namespace Prefix.Counting;

/// <summary>One counted download: at most one per (episode key, listener key, window) (COUNTING.md stage 3).</summary>
public sealed record Download
{
    public required string EpisodeKey { get; init; }

    public required string ListenerKey { get; init; }

    public required string HouseholdKey { get; init; }

    /// <summary>UTC midnight for calendar windows; the opening hit's time for rolling windows.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>Time of the hit that made the window qualify; the download's time for every metric.</summary>
    public required DateTimeOffset QualifiedAt { get; init; }

    /// <summary>Time of the window's first eligible hit.</summary>
    public required DateTimeOffset FirstHitAt { get; init; }

    /// <summary>Counted only from a lone <c>bytes=0-1</c> probe (prefix mode; nothing else qualified).</summary>
    public bool Probe { get; init; }

    /// <summary>Excluded by the excessive-IP guard; reported apart, never in download or listener counts.</summary>
    public bool Suspect { get; init; }

    /// <summary>Length of the union of the window's requested ranges (clamped to S); null when it reaches the end of a file of unknown size.</summary>
    public long? Bytes { get; init; }
}
