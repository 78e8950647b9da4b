namespace Prefix.UserAgents.Apps;

/// <summary>What an entry of <c>known-agents.json</c> identifies.</summary>
internal enum KnownAgentKind
{
    /// <summary>A podcast app, player or device a person listens with.</summary>
    App,

    /// <summary>A podcast crawler or feed service (counted as <c>bot_ua</c>).</summary>
    Bot,

    /// <summary>An HTTP library or download tool (counted as <c>bot_lib</c>).</summary>
    Library,
}
