using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Import;

/// <summary><c>POST /v1/hits/import</c>: hits from host or CDN logs, as NDJSON or combined log lines, streamed.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Content-Type <c>application/x-ndjson</c> (also <c>application/ndjson</c>, <c>application/jsonl</c>,
/// <c>application/json</c>): NDJSON. <c>text/x-nginx-log</c> (also <c>text/x-apache-log</c>,
/// <c>text/x-combined-log</c>): combined log lines. <c>text/plain</c>, <c>application/octet-stream</c> or none:
/// the first non-blank line decides (<c>{</c> is NDJSON). Any other type: 415.</item>
/// <item>Combined logs need <c>?host=cdn.example.com</c> (and <c>&amp;scheme=http</c> if not https): 400 without.</item>
/// <item>The body is streamed (no 413): at most <see cref="HitImportOptions.MaxLinesPerRequest"/> lines per request.</item>
/// <item>200 with <see cref="HitImportResult"/>; 503 when Redis fails midway (the answer says from which line to resend).</item>
/// </list>
/// Needs an API key with the <c>hits:import</c> scope (<see cref="ApiScopes.ImportHits"/>; admin holds every scope):
/// 401 without a key, 403 without the scope.
/// </remarks>
internal static class ImportEndpoints
{
    public static RouteGroupBuilder MapHitImportEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/hits/import", ImportAsync)
            .RequireScope(ApiScopes.ImportHits)
            .WithTags("Hits")
            .WithSummary("Import hits from host/CDN logs: NDJSON ({\"ts\",\"ip\",\"ua\",\"url\",\"method\",\"range\",\"referer\",\"status\",\"bytes\"} per line) or combined log lines (?host= required); per-line rejections with reasons");
        return v1;
    }

    /// <summary>The format a Content-Type names: true with null for "decide by the body", false for a type the import does not read.</summary>
    internal static bool TryResolveFormat(string? contentType, out HitImportFormat? format)
    {
        format = null;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case "text/plain" or "application/octet-stream":
                return true;
            case "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" or "application/json":
                format = HitImportFormat.Ndjson;
                return true;
            case "text/x-nginx-log" or "text/x-apache-log" or "text/x-combined-log":
                format = HitImportFormat.CombinedLog;
                return true;
            default:
                return false;
        }
    }

    private static async Task<IResult> ImportAsync(HttpContext context, string? host, string? scheme, HitImporter importer, CancellationToken cancellationToken)
    {
        var contentType = context.Request.ContentType;
        if (!TryResolveFormat(contentType, out var format))
        {
            return Error(415, $"Content-Type '{HitFieldRules.Quote(contentType!)}' is not an import format: send application/x-ndjson (one JSON hit per line), text/x-nginx-log (combined log lines), or text/plain to let the first line decide");
        }

        string? origin = null;
        if (host is not null || scheme is not null)
        {
            origin = CombinedLogOrigin.TryCreate(host ?? string.Empty, scheme, out var error);
            if (origin is null)
            {
                return Error(400, error!);
            }
        }

        // Logs run to gigabytes: lift Kestrel's 30 MB body limit for this endpoint; the reader streams and
        // HitImport:MaxLinesPerRequest bounds the work instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var outcome = await importer.ImportAsync(context.Request.BodyReader, format, origin, cancellationToken).ConfigureAwait(false);
        return outcome.Result is { } result
            ? TypedResults.Json(result, HitImportJsonContext.Default.HitImportResult)
            : Error(outcome.StatusCode, outcome.Error!);
    }

    private static JsonHttpResult<ApiError> Error(int statusCode, string reason) =>
        TypedResults.Json(new ApiError(reason), HitImportJsonContext.Default.ApiError, statusCode: statusCode);
}
