using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Prefix.Hosting.Auth;

/// <summary>API-key protection for endpoint groups: 401 without a valid key, 403 without the scope, each with a reason.</summary>
public static class ApiKeyEndpointExtensions
{
    private const string KeyItem = "prefix.apikey";

    public static IServiceCollection AddPrefixApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }

    /// <summary>Requires a key holding <paramref name="scope"/> (admin holds every scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var authenticator = http.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
            var result = await authenticator.AuthenticateAsync(http).ConfigureAwait(false);
            if (result.Key is not { } key)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Json(new ApiError(result.Failure!), ApiKeyJsonContext.Default.ApiError, statusCode: StatusCodes.Status401Unauthorized);
            }

            if (!key.HasScope(scope))
            {
                return TypedResults.Json(new ApiError($"the API key '{key.Name}' lacks the scope '{scope}' this endpoint needs"), ApiKeyJsonContext.Default.ApiError, statusCode: StatusCodes.Status403Forbidden);
            }

            http.Items[KeyItem] = key;
            return await next(context).ConfigureAwait(false);
        });
        return builder;
    }

    /// <summary>The key the request was authenticated with (after <see cref="RequireScope{TBuilder}"/>).</summary>
    public static ApiKey? GetApiKey(this HttpContext context) =>
        context?.Items.TryGetValue(KeyItem, out var key) == true ? key as ApiKey : null;

    /// <summary>POST/GET /admin/keys and DELETE /admin/keys/{id} on the group (admin only).</summary>
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var admin = v1.MapGroup("/admin/keys").RequireScope(ApiScopes.Admin).WithTags("API keys");
        admin.MapPost("/", async (CreateApiKeyRequest request, ApiKeyStore store, CancellationToken ct) =>
        {
            var scopes = request.Scopes ?? [];
            if (scopes.Count == 0)
            {
                return Results.Json(new ApiError($"give at least one scope; known scopes: {string.Join(", ", ApiScopes.All)}"), ApiKeyJsonContext.Default.ApiError, statusCode: 400);
            }

            var unknown = scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal));
            if (unknown is not null)
            {
                return Results.Json(new ApiError($"unknown scope '{unknown}'; known scopes: {string.Join(", ", ApiScopes.All)}"), ApiKeyJsonContext.Default.ApiError, statusCode: 400);
            }

            var created = await store.CreateAsync(string.IsNullOrWhiteSpace(request.Name) ? "unnamed" : request.Name.Trim(), scopes, request.Shows ?? [], ct).ConfigureAwait(false);
            return Results.Json(created, ApiKeyJsonContext.Default.CreatedApiKey, statusCode: 201);
        });
        admin.MapGet("/", async (ApiKeyStore store, CancellationToken ct) =>
            Results.Json((await store.ListAsync(ct).ConfigureAwait(false)).Select(k => k.Key).ToList(), ApiKeyJsonContext.Default.ListApiKey));
        admin.MapDelete("/{id}", async (string id, ApiKeyStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : Results.Json(new ApiError($"no API key has the id '{id}'"), ApiKeyJsonContext.Default.ApiError, statusCode: 404));
        return v1;
    }
}
