using System.Net;
using System.Text.Json;
using Prefix.Hosting.Auth;
using Prefix.Redis;
using Prefix.Testing.Servers;

namespace Prefix.Services.Tests.Auth;

public sealed class ApiKeyAuthenticationTests(AuthRedisFixture redis) : IClassFixture<AuthRedisFixture>
{
    [Fact]
    public async Task RequireScope_NoKey_Answers401WithBearerChallengeAndReason()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        using var response = await app.SendAsync(HttpMethod.Get, "v1/demo/read", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("needs an API key", await AuthTestApp.ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireScope_UnknownKey_Answers401NamingTheReason()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        using var response = await app.SendAsync(HttpMethod.Get, "v1/demo/read", "pfx_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("not known", await AuthTestApp.ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireScope_KeyWithoutScope_Answers403NamingTheScope()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var (key, _) = await app.CreateKeyAsync("reader-only", [ApiScopes.Read]);
        using var response = await app.SendAsync(HttpMethod.Post, "v1/demo/listens", key, new { });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("the API key 'reader-only' lacks the scope 'listens:write' this endpoint needs", await AuthTestApp.ErrorOfAsync(response));
    }

    [Fact]
    public async Task RequireScope_AdminKey_IsAllowedWithoutRedis()
    {
        // Nothing listens on this port: the admin key from configuration must never need Redis.
        await using var app = await AuthTestApp.StartAsync($"127.0.0.1:{FreePort.Next()}");
        using var read = await app.SendAsync(HttpMethod.Get, "v1/demo/read", AuthTestApp.AdminKey);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("hello admin key", await read.Content.ReadAsStringAsync());
        using var listens = await app.SendAsync(HttpMethod.Post, "v1/demo/listens", AuthTestApp.AdminKey, new { });
        Assert.Equal(HttpStatusCode.Accepted, listens.StatusCode);
    }

    [Fact]
    public async Task CreateKey_ThroughAdminEndpoint_WorksAtOnceAndIsStoredOnlyAsSha256()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var (key, id) = await app.CreateKeyAsync("partner", [ApiScopes.Read]);

        using (var response = await app.SendAsync(HttpMethod.Get, "v1/demo/read", key))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("hello partner", await response.Content.ReadAsStringAsync());
        }

        await using var connection = await RedisConnection.ConnectAsync(redis.Endpoint);
        var stored = await connection.HashGetAsync(ApiKeyStore.RedisKey, ApiKeyStore.Hash(key));
        Assert.Contains(id, stored.ToString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", ApiKeyStore.Hash(key));

        // The plaintext key is nowhere in Redis: not as a key name, hash field or value.
        var keys = (await connection.ExecuteAsync("KEYS", "*")).AsValues().Select(v => v.ToString()!).ToList();
        Assert.Equal([ApiKeyStore.RedisKey], keys);
        foreach (var entry in await connection.HashGetAllAsync(ApiKeyStore.RedisKey))
        {
            Assert.Matches("^[0-9a-f]{64}$", entry.Name.ToString()!);
            Assert.DoesNotContain(key, entry.Value.ToString()!, StringComparison.Ordinal);
            Assert.DoesNotContain(key["pfx_".Length..], entry.Value.ToString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListKeys_AsAdmin_NeverReturnsKeyMaterial()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var (key, id) = await app.CreateKeyAsync("listed", [ApiScopes.Read, ApiScopes.ImportHits], rateLimitPerMinute: 42);
        using var response = await app.SendAsync(HttpMethod.Get, "v1/admin/keys", AuthTestApp.AdminKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyStore.Hash(key), text, StringComparison.Ordinal);
        Assert.DoesNotContain("pfx_", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var listed = json.RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal("listed", listed.GetProperty("name").GetString());
        Assert.Equal(42, listed.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.False(listed.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task ListKeys_NonAdminKey_Answers403()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var (key, _) = await app.CreateKeyAsync("not-admin", [ApiScopes.Read]);
        using var response = await app.SendAsync(HttpMethod.Get, "v1/admin/keys", key);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'admin'", await AuthTestApp.ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteKey_AfterUse_KeyIsRefusedOnTheNextRequest()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var (key, id) = await app.CreateKeyAsync("short-lived", [ApiScopes.Read]);
        using (var before = await app.SendAsync(HttpMethod.Get, "v1/demo/read", key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var delete = await app.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}", AuthTestApp.AdminKey))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        // The clock has not moved, so the lookup cache has not expired: only Forget makes this a 401.
        using (var after = await app.SendAsync(HttpMethod.Get, "v1/demo/read", key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        using var again = await app.SendAsync(HttpMethod.Delete, $"v1/admin/keys/{id}", AuthTestApp.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"read\",\"superuser\"]}", "unknown scope 'superuser'; known scopes: admin, feeds:read, feeds:write, webhooks, read, collaborations:write, listens:write, hits:import")]
    [InlineData("{\"name\":\"x\",\"scopes\":[]}", "give at least one scope")]
    [InlineData("{\"name\":\"x\"}", "give at least one scope")]
    [InlineData("{\"name\":\"bad\\nname\",\"scopes\":[\"read\"]}", "control characters")]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"read\"],\"shows\":[\"not-a-uuid\"]}", "shows[0] \"not-a-uuid\" is not a UUID")]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"read\"],\"shows\":[42]}", "shows[0] 42 is not a UUID")]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"read\"],\"rateLimitPerMinute\":0}", "'rateLimitPerMinute' must be a whole number")]
    [InlineData("[1,2]", "the body must be a JSON object")]
    [InlineData("{not json", "the body is not valid JSON")]
    public async Task CreateKey_InvalidBody_Answers400WithReason(string body, string expected)
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await app.SendAsync(HttpMethod.Post, "v1/admin/keys", AuthTestApp.AdminKey, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await AuthTestApp.ErrorOfAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKey_NameOver100Characters_Answers400()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        using var response = await app.SendAsync(HttpMethod.Post, "v1/admin/keys", AuthTestApp.AdminKey, new { name = new string('n', 101), scopes = new[] { ApiScopes.Read } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("'name' is 101 characters long; at most 100 are allowed", await AuthTestApp.ErrorOfAsync(response));
    }

    [Fact]
    public async Task EnsureCanSeeShow_ListedAndUnlistedShows_AllowsOnlyListed()
    {
        await using var app = await AuthTestApp.StartAsync(redis.Endpoint);
        var listed = Guid.NewGuid();
        var other = Guid.NewGuid();
        var (scoped, _) = await app.CreateKeyAsync("partner-show", [ApiScopes.Read], shows: [listed]);
        var (unscoped, _) = await app.CreateKeyAsync("all-shows", [ApiScopes.Read]);

        using (var allowed = await app.SendAsync(HttpMethod.Get, $"v1/demo/shows/{listed}", scoped))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var refused = await app.SendAsync(HttpMethod.Get, $"v1/demo/shows/{other}", scoped))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal($"the API key 'partner-show' may read only its listed shows; show {other} is not one of them", await AuthTestApp.ErrorOfAsync(refused));
        }

        foreach (var key in new[] { unscoped, AuthTestApp.AdminKey })
        {
            using var any = await app.SendAsync(HttpMethod.Get, $"v1/demo/shows/{other}", key);
            Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        }
    }
}
