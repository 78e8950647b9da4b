namespace Prefix.Redis;

/// <summary>
/// XAUTOCLAIM: the id to continue scanning from ("0-0" when the scan is complete), the entries now
/// owned by the claiming consumer, and ids that were pending but no longer exist in the stream.
/// </summary>
public sealed record StreamAutoClaimResult(string NextStartId, IReadOnlyList<StreamEntry> ClaimedEntries, IReadOnlyList<string> DeletedIds);
