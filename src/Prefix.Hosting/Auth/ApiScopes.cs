namespace Prefix.Hosting.Auth;

/// <summary>The scopes an API key can hold (docs/API-KEYS.md). <see cref="Admin"/> implies all of them.</summary>
public static class ApiScopes
{
    public const string Admin = "admin";
    public const string FeedsRead = "feeds:read";
    public const string FeedsWrite = "feeds:write";
    public const string Webhooks = "webhooks";
    public const string Read = "read";
    public const string WriteCollaborations = "collaborations:write";
    public const string WriteListens = "listens:write";
    public const string ImportHits = "hits:import";

    public static IReadOnlyList<string> All { get; } = [Admin, FeedsRead, FeedsWrite, Webhooks, Read, WriteCollaborations, WriteListens, ImportHits];
}
