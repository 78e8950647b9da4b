namespace Prefix.Edge.Recording;

/// <summary>When a hit counts as recorded, i.e. when the 302 may go out.</summary>
public enum HitLogDurability
{
    /// <summary>Queued in memory only: fastest, but a crash loses the hits not yet written.</summary>
    Memory,

    /// <summary>Written to the file (in the OS page cache): survives a crash or <c>kill -9</c> of the edge, not a power cut. The default.</summary>
    OsWrite,

    /// <summary>Written and fsync'ed: survives a power cut, costs a disk flush per group commit.</summary>
    Fsync,
}
