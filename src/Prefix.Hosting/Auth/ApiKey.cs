namespace Prefix.Hosting.Auth;

/// <summary>
/// A stored API key (never the key itself: the store keeps its SHA-256). <see cref="Shows"/> limits read access
/// to those show ids; empty means every show. <see cref="RateLimitPerMinute"/> overrides
/// <see cref="AuthOptions.RequestsPerMinute"/> for this key (null: the configured default).
/// </summary>
public sealed record ApiKey(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<Guid> Shows,
    DateTimeOffset CreatedAt,
    int? RateLimitPerMinute = null)
{
    public bool IsAdmin => Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal);

    public bool HasScope(string scope) => IsAdmin || Scopes.Contains(scope, StringComparer.Ordinal);

    public bool CanSeeShow(Guid showId) => IsAdmin || Shows.Count == 0 || Shows.Contains(showId);
}
