namespace Prefix.Counting;

/// <summary>
/// What the feed updater knows about one episode file (ClickHouse <c>episodes</c> and
/// <c>enclosure_probes</c>): the inputs of the per-episode threshold (COUNTING.md stage 2).
/// </summary>
/// <param name="SizeBytes">File size S in bytes; null (or ≤ 0) when unknown.</param>
/// <param name="DurationSec">Duration D in seconds; null (or ≤ 0) when unknown.</param>
/// <param name="Id3Bytes">Where the audio starts, H (ID3v2 header + tag + footer); 0 when unknown (disclosed).</param>
public sealed record EpisodeFacts(long? SizeBytes, double? DurationSec, long Id3Bytes = 0)
{
    /// <summary>S when it is usable (&gt; 0), else null.</summary>
    internal long? KnownSize => SizeBytes is > 0 ? SizeBytes : null;
}
