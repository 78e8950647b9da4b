namespace Prefix.UserAgents;

/// <summary>What one User-Agent header says about the client that sent a download request.</summary>
/// <param name="App">
/// The podcast app from our curated table ("Apple Podcasts", "Spotify", "Overcast"), else the browser family
/// uap-core recognises ("Chrome", "Safari"), the name of a known bot or HTTP library, or "" when unknown.
/// </param>
/// <param name="Device">One of the <see cref="DeviceTypes"/> values; bots and libraries are "server".</param>
/// <param name="Os">"iOS", "Android", "macOS", "Windows", "Linux", "watchOS", ...; "" when unknown or for bots.</param>
/// <param name="BotReason">One of the <see cref="BotReasons"/> values; "" for a human listener.</param>
/// <param name="IsAppleWatch">True for Apple Watch agents, which COUNTING.md stage 1 rule 5 drops as <c>apple_watch</c>.</param>
public sealed record UserAgentInfo(string App, string Device, string Os, string BotReason, bool IsAppleWatch)
{
    /// <summary>True when <see cref="BotReason"/> is empty: the agent may count as a listener.</summary>
    public bool IsHuman => BotReason.Length == 0;
}
