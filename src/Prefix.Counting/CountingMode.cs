namespace Prefix.Counting;

/// <summary>How a window's requested bytes are measured against the threshold (COUNTING.md stage 2).</summary>
public enum CountingMode
{
    /// <summary>
    /// <c>prefix</c> (default, edge hits): a GET without Range is intent to fetch the whole file; otherwise
    /// the length of the union of requested ranges must reach T. Unknown size: any eligible non-probe GET
    /// qualifies. A lone <c>bytes=0-1</c> probe counts only when nothing else qualifies.
    /// </summary>
    Prefix = 0,

    /// <summary><c>strict</c>: the union of requested ranges must cover [0, T−1] without a gap; probes are dropped.</summary>
    Strict = 1,
}
