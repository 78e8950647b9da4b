using Microsoft.AspNetCore.Http.HttpResults;
using Prefix.Hosting.Auth;

namespace Attribution.Api;

/// <summary>The answers the API's endpoints share: the <c>{"error"}</c> shape, the show-scope refusal, echoing input safely.</summary>
internal static class ApiAnswers
{
    public static JsonHttpResult<ApiError> Error(int status, string reason) => TypedResults.Json(new ApiError(reason), statusCode: status);

    /// <summary>403 when the request's key may not read <paramref name="showId"/>; null when it may.</summary>
    public static JsonHttpResult<ApiError>? ForbiddenShow(HttpContext context, Guid showId) =>
        context.GetApiKey() is { } key && !key.CanSeeShow(showId)
            ? Error(403, $"the API key '{key.Name}' may read only its listed shows; show {showId:D} is not one of them")
            : null;

    /// <summary>Caller input cut to a length fit for an error message.</summary>
    public static string Cut(string text, int max = 60) => text.Length > max ? text[..max] + "…" : text;
}
