using Prefix.Hosting.Auth;

namespace Feed.Updater.Endpoints;

/// <summary>The updater API's error shape: <c>{"error": "…"}</c> with the status code, like every Prefix API.</summary>
internal static class ApiResults
{
    public static IResult Error(int statusCode, string reason) => TypedResults.Json(new ApiError(reason), statusCode: statusCode);
}
