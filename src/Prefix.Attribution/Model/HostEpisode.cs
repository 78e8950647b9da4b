namespace Prefix.Attribution.Model;

/// <summary>One of B's episodes, for the pre-period self-control baseline (ATTRIBUTION.md, "Baseline" 1).</summary>
/// <param name="EpisodeId">B's episode.</param>
/// <param name="AiredAt">Publish time; the pseudo-exposure period starts here.</param>
/// <param name="FeaturesPromotedShow">True when this episode also featured A (it is then never a control).</param>
public sealed record HostEpisode(Guid EpisodeId, DateTimeOffset AiredAt, bool FeaturesPromotedShow = false);
