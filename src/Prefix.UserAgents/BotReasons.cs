namespace Prefix.UserAgents;

/// <summary>Values of <see cref="UserAgentInfo.BotReason"/>; they are the drop reason codes of COUNTING.md stage 1.</summary>
public static class BotReasons
{
    /// <summary>A human listener's app, browser or device.</summary>
    public const string None = "";

    /// <summary>Crawlers and bots: our table, crawler-user-agents, or an unknown agent naming itself bot/crawler/spider.</summary>
    public const string BotUserAgent = "bot_ua";

    /// <summary>HTTP libraries and command-line tools (curl, python-requests, okhttp without an app, ...).</summary>
    public const string BotLibrary = "bot_lib";

    /// <summary>Missing or blank User-Agent.</summary>
    public const string NoUserAgent = "no_ua";
}
