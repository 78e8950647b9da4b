namespace Prefix.Edge.Recording;

/// <summary>The local hit log. Bound from the <c>HitLog</c> section.</summary>
public sealed class HitLogOptions
{
    public const string Section = "HitLog";

    /// <summary>Directory of the log segments and the shipping checkpoint. Default <c>hitlog</c> under the working directory.</summary>
    public string Directory { get; set; } = "hitlog";

    /// <summary>When a hit counts as recorded. Default <see cref="HitLogDurability.OsWrite"/>.</summary>
    public HitLogDurability Durability { get; set; } = HitLogDurability.OsWrite;

    /// <summary>A segment file is closed and a new one started past this size. Default 64 MiB.</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Unshipped log on disk may not grow past this (Redis down for long): new hits are then counted as
    /// dropped and alarmed, while redirects keep working. Default 4 GiB.
    /// </summary>
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most hits written in one group commit. Default 4096.</summary>
    public int MaxBatch { get; set; } = 4096;
}
