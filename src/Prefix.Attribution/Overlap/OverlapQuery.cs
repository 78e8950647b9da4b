using Prefix.Attribution.Model;

namespace Prefix.Attribution.Overlap;

/// <summary><c>GET /v1/shows/{a}/overlap?with={b}&amp;start&amp;end&amp;key=</c> (ATTRIBUTION.md, "Audience overlap").</summary>
/// <param name="ShowA">Show a.</param>
/// <param name="ShowB">Show b (<c>with</c>).</param>
/// <param name="Start">Period start, inclusive.</param>
/// <param name="End">Period end, exclusive (so consecutive periods do not share a download).</param>
/// <param name="KeyMode"><c>device</c> or <c>household</c>.</param>
public sealed record OverlapQuery(Guid ShowA, Guid ShowB, DateTimeOffset Start, DateTimeOffset End, string KeyMode = KeyModes.Device)
{
    /// <summary>Null when valid, else a message for a 400 answer.</summary>
    public string? Validate()
    {
        if (End <= Start)
        {
            return $"end must be after start (got start {Start:O}, end {End:O})";
        }

        if (ShowA == ShowB)
        {
            return "with must name a different show";
        }

        return KeyModes.IsValid(KeyMode) ? null : $"key must be device or household (got '{KeyMode}')";
    }
}
