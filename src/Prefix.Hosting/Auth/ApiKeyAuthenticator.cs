using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Auth;

/// <summary>
/// Turns <c>Authorization: Bearer &lt;key&gt;</c> into an <see cref="ApiKey"/>: the admin key from configuration,
/// or a stored key. Lookups are cached briefly so a busy API does not ask Redis on every request.
/// </summary>
public sealed class ApiKeyAuthenticator(ApiKeyStore store, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly ApiKey AdminKey = new("admin", "admin key", [ApiScopes.Admin], [], DateTimeOffset.UnixEpoch);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);
    private readonly Lazy<byte[]?> _adminKey = new(() => LoadAdminKey(options.Value));

    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticationResult.Fail("this endpoint needs an API key: send 'Authorization: Bearer <key>' (./prefix up prints the admin key)");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticationResult.Fail("the Authorization header must be 'Bearer <key>'");
        }

        var presented = header[7..].Trim();
        if (_adminKey.Value is { } admin && CryptographicOperations.FixedTimeEquals(admin, Encoding.UTF8.GetBytes(presented)))
        {
            return AuthenticationResult.Success(AdminKey);
        }

        var hash = ApiKeyStore.Hash(presented);
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var cached) || cached.Expires <= now)
        {
            cached = (await store.FindAsync(presented, context.RequestAborted).ConfigureAwait(false), now + options.Value.KeyCacheDuration);
            _cache[hash] = cached;
        }

        return cached.Key is { } key ? AuthenticationResult.Success(key) : AuthenticationResult.Fail("the API key is not known (revoked, mistyped, or from another installation)");
    }

    private static byte[]? LoadAdminKey(AuthOptions options)
    {
        var key = options.AdminKey;
        if (string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(options.AdminKeyFile) && File.Exists(options.AdminKeyFile))
        {
            key = File.ReadAllText(options.AdminKeyFile);
        }

        return string.IsNullOrWhiteSpace(key) ? null : Encoding.UTF8.GetBytes(key.Trim());
    }
}

/// <summary>Who the caller is, or why they are not anybody.</summary>
public sealed record AuthenticationResult(ApiKey? Key, string? Failure)
{
    public static AuthenticationResult Success(ApiKey key) => new(key, null);

    public static AuthenticationResult Fail(string reason) => new(null, reason);
}
