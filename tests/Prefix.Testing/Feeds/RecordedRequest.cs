namespace Prefix.Testing.Feeds;

/// <summary>One request a <see cref="ScriptedFeedHost"/> received, recorded before its handler ran.</summary>
/// <param name="Method">GET, HEAD, …</param>
/// <param name="Path">The path, e.g. <c>/feed.xml</c>.</param>
/// <param name="QueryString">The query string with its leading '?', or empty.</param>
/// <param name="Headers">Request headers as received (several values joined with ", "); names are case-insensitive.</param>
/// <param name="ReceivedAt">When it arrived (system clock).</param>
/// <param name="ConnectionId">Kestrel's id of the connection it came on: equal ids mean a reused connection.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt,
    string ConnectionId)
{
    /// <summary>The header's value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
