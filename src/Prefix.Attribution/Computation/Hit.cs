namespace Prefix.Attribution.Computation;

/// <summary>One qualified download of one key, reduced to what the definitions look at.</summary>
internal readonly record struct Hit(DateTimeOffset Time, Guid EpisodeId);
