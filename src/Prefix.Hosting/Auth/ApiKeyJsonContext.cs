using System.Text.Json.Serialization;

namespace Prefix.Hosting.Auth;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(CreatedApiKey))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(List<ApiKey>))]
internal sealed partial class ApiKeyJsonContext : JsonSerializerContext;

/// <summary>
/// POST /v1/admin/keys body: <c>{"name", "scopes": [...], "shows": ["&lt;uuid&gt;"], "rateLimitPerMinute": 120}</c>;
/// shows and rateLimitPerMinute are optional.
/// </summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<Guid>? Shows, int? RateLimitPerMinute = null);

/// <summary>The answer to a key creation: the only time the key itself is shown.</summary>
public sealed record CreatedApiKey(string Key, ApiKey Details);

/// <summary>The error body of every Prefix API: one sentence a person can act on.</summary>
public sealed record ApiError(string Error);
