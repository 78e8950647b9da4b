namespace Prefix.Edge.Redirects;

/// <summary>A prefix request that passed validation: where to send the listener, and the prefix arguments.</summary>
/// <param name="Target">The absolute destination URL, exactly as requested (scheme added or repaired, nothing re-encoded).</param>
/// <param name="Arguments">The raw argument list between <c>/e</c> and the slash (e.g. <c>pg=…</c>), empty when none.</param>
/// <param name="PodcastGuid">The <c>pg</c> argument when it is a valid UUID.</param>
internal sealed record PrefixUrl(string Target, string Arguments, Guid? PodcastGuid);
