using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Apps;

/// <summary>One row of the agent table: the first row whose pattern matches names the agent.</summary>
internal sealed record KnownAgent(KnownAgentKind Kind, string Name, Regex Pattern);
