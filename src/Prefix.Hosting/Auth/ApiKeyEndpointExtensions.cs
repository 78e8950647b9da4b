using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Prefix.Hosting.Auth;

/// <summary>
/// API-key protection for endpoint groups: 401 without a valid key, 429 when the key's rate limit is spent,
/// 403 without the scope, each with a reason (see README.md in this folder).
/// </summary>
public static class ApiKeyEndpointExtensions
{
    private const string KeyItem = "prefix.apikey";

    public static IServiceCollection AddPrefixApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyRateLimiter>();
        return services;
    }

    /// <summary>
    /// Requires a key holding <paramref name="scope"/> (admin holds every scope), within its rate limit. Allowed
    /// responses carry <c>X-RateLimit-Limit</c> (per minute) and <c>X-RateLimit-Remaining</c>.
    /// </summary>
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
                // RFC 6750 §3: a 401 names the scheme the client should use.
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Error(StatusCodes.Status401Unauthorized, result.Failure!);
            }

            // Nested groups run this filter once per RequireScope; the bucket is charged only the first time.
            if (!http.Items.ContainsKey(KeyItem))
            {
                var limit = http.RequestServices.GetRequiredService<ApiKeyRateLimiter>().TryAcquire(key);
                if (!limit.Allowed)
                {
                    // RFC 6585 §4 with Retry-After in delay-seconds (RFC 9110 §10.2.3).
                    http.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    return Error(StatusCodes.Status429TooManyRequests, $"rate limit of {limit.LimitPerMinute} requests per minute exceeded for key '{key.Name}'; retry after {limit.RetryAfterSeconds} s");
                }

                if (limit.LimitPerMinute > 0)
                {
                    http.Response.Headers["X-RateLimit-Limit"] = limit.LimitPerMinute.ToString(CultureInfo.InvariantCulture);
                    http.Response.Headers["X-RateLimit-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
                }
            }

            if (!key.HasScope(scope))
            {
                return Error(StatusCodes.Status403Forbidden, $"the API key '{key.Name}' lacks the scope '{scope}' this endpoint needs");
            }

            http.Items[KeyItem] = key;
            return await next(context).ConfigureAwait(false);
        });
        return builder;
    }

    /// <summary>The key the request was authenticated with (after <see cref="RequireScope{TBuilder}"/>).</summary>
    public static ApiKey? GetApiKey(this HttpContext context) =>
        context?.Items.TryGetValue(KeyItem, out var key) == true ? key as ApiKey : null;

    /// <summary>
    /// Show scoping for endpoints that read one show's data: null when the request's key may see
    /// <paramref name="showId"/>, otherwise a 403 to return as is. Call it for every show id the request names
    /// (both shows of an overlap, the promoted and host show of a collaboration) before touching data. An endpoint
    /// without <see cref="RequireScope{TBuilder}"/> has no key and gets a 401 (fail closed).
    /// </summary>
    public static IResult? EnsureCanSeeShow(this HttpContext context, Guid showId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetApiKey() is not { } key)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "this endpoint needs an API key: send 'Authorization: Bearer <key>'");
        }

        return key.CanSeeShow(showId)
            ? null
            : Error(StatusCodes.Status403Forbidden, $"the API key '{key.Name}' may read only its listed shows; show {showId} is not one of them");
    }

    /// <summary>POST/GET /admin/keys and DELETE /admin/keys/{id} on the group (admin only).</summary>
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var admin = v1.MapGroup("/admin/keys").RequireScope(ApiScopes.Admin).WithTags("API keys");
        admin.MapPost("/", CreateAsync);
        admin.MapGet("/", async (ApiKeyStore store, CancellationToken ct) =>
            Results.Json((await store.ListAsync(ct).ConfigureAwait(false)).Select(k => k.Key).OrderBy(k => k.CreatedAt).ToList(), ApiKeyJsonContext.Default.ListApiKey));
        admin.MapDelete("/{id}", async (string id, ApiKeyStore store, ApiKeyAuthenticator authenticator, ApiKeyRateLimiter limiter, CancellationToken ct) =>
        {
            if (!await store.RevokeAsync(id, ct).ConfigureAwait(false))
            {
                return Error(StatusCodes.Status404NotFound, $"no API key has the id '{id}'");
            }

            authenticator.Forget(id);
            limiter.Forget(id);
            return Results.NoContent();
        });
        return v1;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ApiKeyStore store, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"the body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var (parsed, error) = CreateApiKeyValidator.Parse(document.RootElement);
            if (parsed is null)
            {
                return Error(StatusCodes.Status400BadRequest, error!);
            }

            var created = await store.CreateAsync(parsed.Name!, parsed.Scopes!, parsed.Shows!, parsed.RateLimitPerMinute, ct).ConfigureAwait(false);
            return Results.Json(created, ApiKeyJsonContext.Default.CreatedApiKey, statusCode: StatusCodes.Status201Created);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ApiError> Error(int statusCode, string message) =>
        TypedResults.Json(new ApiError(message), ApiKeyJsonContext.Default.ApiError, statusCode: statusCode);
}
