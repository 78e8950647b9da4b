using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Prefix.Edge.Recording;

namespace Prefix.Edge.Redirects;

/// <summary>
/// The edge's one job: answer <c>/e/…</c> with a 302 to the target, after the hit is recorded.
/// </summary>
/// <remarks>
/// Steps for every request:
/// <list type="number">
/// <item>Take the raw request target (not the decoded path: the Location must be byte-exact).</item>
/// <item>A CORS preflight (OPTIONS with <c>Access-Control-Request-Method</c>) gets 204; it is not a download.</item>
/// <item>Parse and validate (<see cref="PrefixUrlParser"/>); a bad URL gets 400 and a plain-text reason, and is not recorded.</item>
/// <item>Record the hit in the local log and wait for the group commit (<see cref="HitRecorder"/>).</item>
/// <item>Answer 302 with <c>Location</c>, <c>Cache-Control: private, no-cache</c>, <c>Access-Control-Allow-Origin: *</c>, no body.
/// If recording failed (log full, disk error) the redirect still goes out: a listener never pays for our outage; the loss is counted.</item>
/// </list>
/// Every method gets the same answer and is recorded with its method; counting later keeps only GETs.
/// Runs before routing, so the hot path skips the endpoint machinery.
/// </remarks>
internal sealed class RedirectMiddleware(RequestDelegate next, HitRecorder recorder, RedirectMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        var rawTarget = RawTarget(context);
        if (!rawTarget.StartsWith("/e/", StringComparison.Ordinal) && !rawTarget.StartsWith("/e,", StringComparison.Ordinal))
        {
            return next(context);
        }

        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.AccessControlRequestMethod.Count > 0)
        {
            metrics.PreflightAnswered();
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.Count > 0
                ? context.Request.Headers.AccessControlRequestHeaders
                : "*";
            response.Headers.AccessControlMaxAge = "86400";
            return Task.CompletedTask;
        }

        var parsed = PrefixUrlParser.Parse(rawTarget);
        if (!parsed.IsValid)
        {
            metrics.Refused();
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "no-store";
            return response.WriteAsync($"Invalid prefix URL: {parsed.Error}.\nExpected https://<this host>/e/<host>/<path>, e.g. /e/cdn.example.com/show/episode1.mp3\n");
        }

        return RedirectAsync(context, rawTarget, parsed.Url!);
    }

    private async Task RedirectAsync(HttpContext context, string rawTarget, PrefixUrl url)
    {
        var started = Stopwatch.GetTimestamp();
        var recorded = await recorder.RecordAsync(context, rawTarget, url).ConfigureAwait(false);
        metrics.Redirect(recorded, Stopwatch.GetElapsedTime(started));

        var response = context.Response;
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = url.Target;
        response.Headers.CacheControl = "private, no-cache";
        response.ContentLength = 0;
    }

    /// <summary>The request target as sent; an absolute-form target ("http://host/e/…") is reduced to its path.</summary>
    private static string RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        if (raw.StartsWith('/'))
        {
            return raw;
        }

        var scheme = raw.IndexOf("://", StringComparison.Ordinal);
        var path = scheme < 0 ? -1 : raw.IndexOf('/', scheme + 3);
        return path < 0 ? raw : raw[path..];
    }
}
