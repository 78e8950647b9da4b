namespace Prefix.Counting;

/// <summary>An episode's size S (null = unknown) and threshold T (meaningful only when S is known).</summary>
internal readonly record struct EpisodeThreshold(long? Size, long Threshold)
{
    public static EpisodeThreshold From(EpisodeFacts? facts)
    {
        var size = facts?.KnownSize;
        return new EpisodeThreshold(size, size is null ? 0 : Prefix.Counting.Threshold.Bytes(facts) ?? 0);
    }
}
