namespace Prefix.UserAgents.Bots;

/// <summary>
/// The isbot-style last resort of COUNTING.md stage 1 rule 4 and OP3's <c>unknown-bot</c>: an agent nobody listed
/// that calls itself a bot, crawler or spider (case-insensitive). Only agents our table did not name reach it.
/// </summary>
internal static class BotWords
{
    public static bool Contains(string userAgent) =>
        userAgent.Contains("bot", StringComparison.OrdinalIgnoreCase)
        || userAgent.Contains("crawler", StringComparison.OrdinalIgnoreCase)
        || userAgent.Contains("spider", StringComparison.OrdinalIgnoreCase);
}
