using System.Globalization;
using System.Text.Json;
using Feed.Updater.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Feed.Updater.Endpoints;

/// <summary>
/// <c>/webhooks</c> under the group the caller maps (the updater maps it at <c>/v1</c>, behind its authentication).
/// </summary>
internal static class WebhookEndpoints
{
    private const int DefaultDeadLetterLimit = 100;
    private const int MaxDeadLetterLimit = 1000;

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/webhooks", CreateAsync);
        v1.MapGet("/webhooks", ListAsync);
        v1.MapGet("/webhooks/{id}", GetAsync);
        v1.MapDelete("/webhooks/{id}", DeleteAsync);
        v1.MapGet("/webhooks/{id}/dead-letters", DeadLettersAsync);
        return v1;
    }

    /// <summary>201 with the subscription and its secret (the only time the secret is shown); 400 with the reason.</summary>
    private static async Task<Results<JsonHttpResult<WebhookView>, JsonHttpResult<ErrorResponse>>> CreateAsync(
        HttpContext context,
        WebhookRegistry registry,
        CancellationToken cancellationToken)
    {
        WebhookCreateRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, WebhookJsonContext.Default.WebhookCreateRequest, cancellationToken);
        }
        catch (JsonException e)
        {
            return Error($"the body must be a JSON object such as {{\"url\":\"https://example.com/hooks/prefix\"}}: {e.Message}");
        }

        if (request is null)
        {
            return Error("the body must be a JSON object such as {\"url\":\"https://example.com/hooks/prefix\"}");
        }

        var result = await registry.CreateAsync(request, cancellationToken);
        if (result.Subscription is not { } subscription)
        {
            return Error(result.Error!);
        }

        context.Response.Headers.Location = context.Request.PathBase + context.Request.Path.ToString().TrimEnd('/') + "/" + subscription.Id;
        return TypedResults.Json(
            WebhookView.From(subscription, withSecret: true, startCursor: result.Cursor),
            WebhookJsonContext.Default.WebhookView,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<JsonHttpResult<WebhookList>> ListAsync(WebhookRegistry registry, CancellationToken cancellationToken)
    {
        var subscriptions = await registry.ListAsync(cancellationToken);
        return TypedResults.Json(new WebhookList([.. subscriptions.Select(s => WebhookView.From(s))]), WebhookJsonContext.Default.WebhookList);
    }

    private static async Task<Results<JsonHttpResult<WebhookView>, JsonHttpResult<ErrorResponse>>> GetAsync(
        string id,
        WebhookRegistry registry,
        CancellationToken cancellationToken)
    {
        if (await registry.GetAsync(id, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }

        var state = await registry.GetStateAsync(id, cancellationToken);
        return TypedResults.Json(WebhookView.From(subscription, delivery: state), WebhookJsonContext.Default.WebhookView);
    }

    private static async Task<Results<NoContent, JsonHttpResult<ErrorResponse>>> DeleteAsync(
        string id,
        WebhookRegistry registry,
        CancellationToken cancellationToken) =>
        await registry.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ErrorResponse>>> DeadLettersAsync(
        string id,
        string? limit,
        WebhookRegistry registry,
        CancellationToken cancellationToken)
    {
        var count = DefaultDeadLetterLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxDeadLetterLimit))
        {
            return Error($"limit must be a whole number between 1 and {MaxDeadLetterLimit}; got '{limit}'");
        }

        if (await registry.GetAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var letters = await registry.ReadDeadLettersAsync(id, count, cancellationToken);
        return TypedResults.Bytes(RawJsonPages.DeadLetters(letters), "application/json");
    }

    private static JsonHttpResult<ErrorResponse> Error(string reason) =>
        TypedResults.Json(new ErrorResponse(reason), WebhookJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);

    private static JsonHttpResult<ErrorResponse> NotFound(string id) =>
        TypedResults.Json(new ErrorResponse($"no webhook subscription with id '{id}'"), WebhookJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound);
}
