using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prefix.Hosting.Health;

namespace Prefix.Hosting.Auth;

/// <summary>
/// API keys in Redis: HASH <c>apikeys</c>, field = lower-hex SHA-256 of the key, value = <see cref="ApiKey"/> JSON.
/// Keys are 32 random bytes (base64url) with a "pfx_" prefix so a leaked one is recognisable in logs and scanners.
/// </summary>
public sealed class ApiKeyStore(RedisConnectionProvider redis, TimeProvider time)
{
    public const string RedisKey = "apikeys";
    private const string Prefix = "pfx_";

    public Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<Guid> shows, CancellationToken cancellationToken) =>
        CreateAsync(name, scopes, shows, rateLimitPerMinute: null, cancellationToken);

    /// <summary>
    /// Creates a key and stores only its SHA-256; the returned <see cref="CreatedApiKey.Key"/> is the one and only
    /// copy of the secret. <paramref name="rateLimitPerMinute"/> overrides <see cref="AuthOptions.RequestsPerMinute"/>.
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<Guid> shows, int? rateLimitPerMinute, CancellationToken cancellationToken)
    {
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var details = new ApiKey(Base64Url(RandomNumberGenerator.GetBytes(9)), name, scopes, shows, time.GetUtcNow(), rateLimitPerMinute);
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        await connection.HashSetAsync(RedisKey, Hash(key), JsonSerializer.Serialize(details, ApiKeyJsonContext.Default.ApiKey), cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(key, details);
    }

    public async Task<ApiKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var json = (await connection.HashGetAsync(RedisKey, Hash(key), cancellationToken).ConfigureAwait(false)).ToString();
        return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, ApiKeyJsonContext.Default.ApiKey);
    }

    public async Task<IReadOnlyList<(string Hash, ApiKey Key)>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = await connection.HashGetAllAsync(RedisKey, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => (e.Name.ToString() ?? string.Empty, JsonSerializer.Deserialize(e.Value.ToString() ?? "null", ApiKeyJsonContext.Default.ApiKey)!))];
    }

    /// <summary>Deletes the key with this id; false when there is none.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var (hash, key) in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (key.Id == id)
            {
                var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
                return await connection.HashDeleteAsync(RedisKey, hash, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
