namespace Prefix.Counting;

/// <summary>The per-episode byte threshold T of COUNTING.md stage 2 (IAB: one minute of audio).</summary>
public static class Threshold
{
    private const decimal OneMinute = 60m;

    /// <summary>
    /// <c>T = H + ceil(60·(S−H)/D)</c> bytes; the whole file (S) when D ≤ 60 s, D unknown, or H is not
    /// inside the file; null when S is unknown (then "the whole file" has no byte count).
    /// </summary>
    /// <remarks>
    /// Computed in <see cref="decimal"/> so an exact quotient (S = 4,000,000, D = 1,000 → 240,000) is not
    /// pushed up by a binary rounding error before the ceiling. H &lt; 0 is read as 0 (unknown).
    /// </remarks>
    public static long? Bytes(EpisodeFacts? facts)
    {
        if (facts?.KnownSize is not { } size)
        {
            return null;
        }

        var header = Math.Max(0, facts.Id3Bytes);
        if (facts.DurationSec is not { } duration || double.IsNaN(duration) || duration <= 60 || header >= size)
        {
            return size;
        }

        var audio = size - header;
        decimal perMinute;
        try
        {
            perMinute = decimal.Ceiling(OneMinute * audio / (decimal)duration);
        }
        catch (OverflowException)
        {
            // A duration beyond decimal's range: one minute of it is less than a byte.
            perMinute = 1;
        }

        return Math.Min(size, header + (long)perMinute);
    }
}
