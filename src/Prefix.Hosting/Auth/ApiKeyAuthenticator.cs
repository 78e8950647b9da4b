using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Auth;

/// <summary>
/// Turns <c>Authorization: Bearer &lt;key&gt;</c> (RFC 6750 §2.1) into an <see cref="ApiKey"/>: the admin key from
/// configuration (compared in constant time, never looked up in Redis), or a stored key. Lookups, hits and misses,
/// are cached for <see cref="AuthOptions.KeyCacheDuration"/> so a busy API does not ask Redis on every request.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyStore store, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly ApiKey AdminKey = new("admin", "admin key", [ApiScopes.Admin], [], DateTimeOffset.UnixEpoch);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);
    private readonly Lazy<byte[]?> _adminKeyHash = new(() => LoadAdminKeyHash(options.Value));

    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticationResult.Fail("this endpoint needs an API key: send 'Authorization: Bearer <key>' (./prefix up prints the admin key)");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.AsSpan(7).Trim().Length == 0)
        {
            return AuthenticationResult.Fail("the Authorization header must be 'Bearer <key>'");
        }

        var presented = header[7..].Trim();
        var hash = ApiKeyStore.Hash(presented);

        // Comparing the SHA-256 digests (fixed length) keeps the comparison constant-time even in the key's length.
        if (_adminKeyHash.Value is { } admin && CryptographicOperations.FixedTimeEquals(admin, Convert.FromHexString(hash)))
        {
            return AuthenticationResult.Success(AdminKey);
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var cached) || cached.Expires <= now)
        {
            cached = (await store.FindAsync(presented, context.RequestAborted).ConfigureAwait(false), now + options.Value.KeyCacheDuration);
            Remember(hash, cached, now);
        }

        return cached.Key is { } key ? AuthenticationResult.Success(key) : AuthenticationResult.Fail("the API key is not known (revoked, mistyped, or from another installation)");
    }

    /// <summary>
    /// Forgets every cached lookup of the key with this id, so a key revoked in this process is refused on the very
    /// next request. Other instances keep their cached copy for up to <see cref="AuthOptions.KeyCacheDuration"/>.
    /// </summary>
    public void Forget(string keyId)
    {
        foreach (var (hash, entry) in _cache)
        {
            if (entry.Key?.Id == keyId)
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    private void Remember(string hash, (ApiKey? Key, DateTimeOffset Expires) entry, DateTimeOffset now)
    {
        var limit = options.Value.MaxCachedKeys;
        if (_cache.Count >= limit)
        {
            foreach (var (cachedHash, cachedEntry) in _cache)
            {
                if (cachedEntry.Expires <= now)
                {
                    _cache.TryRemove(cachedHash, out _);
                }
            }
        }

        // Random garbage keys must not grow the cache without bound: when it is still full, misses go uncached
        // (each costs one HGET) and hits replace nothing, which is the same as no cache for them.
        if (_cache.Count < limit || _cache.ContainsKey(hash))
        {
            _cache[hash] = entry;
        }
    }

    private static byte[]? LoadAdminKeyHash(AuthOptions options)
    {
        var key = options.AdminKey;
        if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(options.AdminKeyFile) && File.Exists(options.AdminKeyFile))
        {
            key = File.ReadAllText(options.AdminKeyFile);
        }

        return string.IsNullOrWhiteSpace(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim()));
    }
}

/// <summary>Who the caller is, or why they are not anybody.</summary>
public sealed record AuthenticationResult(ApiKey? Key, string? Failure)
{
    public static AuthenticationResult Success(ApiKey key) => new(key, null);

    public static AuthenticationResult Fail(string reason) => new(null, reason);
}
