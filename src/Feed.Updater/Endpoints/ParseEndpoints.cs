using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Prefix.Feeds.Model;
using Prefix.Feeds.Parsing;
using Prefix.Hosting.Auth;

namespace Feed.Updater.Endpoints;

/// <summary>POST /v1/parse: the raw feed document in, the normalized JSON out, nothing stored (for podcasters and tools).</summary>
internal static class ParseEndpoints
{
    /// <summary>The same cap the fetcher puts on a decoded feed: a bigger document would never be parsed in production either.</summary>
    public const long MaxDocumentBytes = 30L * 1024 * 1024;

    public static RouteGroupBuilder MapParseEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/parse", ParseAsync)
            .RequireScope(ApiScopes.FeedsRead)
            .Produces<NormalizedFeed>()
            .Produces<ApiError>(400)
            .Produces<ApiError>(413)
            .Produces<ApiError>(422)
            .WithSummary("Parse a feed document without storing it")
            .WithDescription("Send the feed XML as the request body; `url` (optional) gives the feed and episode ids. Returns the normalized JSON of FEEDS.md, or 422 with the reason the document is not a feed.");
        return v1;
    }

    private static async Task<IResult> ParseAsync(HttpContext context, string? url, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxDocumentBytes)
        {
            return ApiResults.Error(413, $"the document is {context.Request.ContentLength} bytes; the limit is {MaxDocumentBytes} bytes (30 MB), the same cap polling applies");
        }

        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return ApiResults.Error(400, $"'url' must be an absolute http(s) URL; got '{Truncate(url)}'");
        }

        var body = await ReadBodyAsync(context, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiResults.Error(413, $"the document is larger than {MaxDocumentBytes} bytes (30 MB), the same cap polling applies");
        }

        var result = FeedParser.Parse(body, new FeedParseOptions { FeedUrl = url, ContentType = context.Request.ContentType });
        if (result.Feed is not { } feed)
        {
            return ApiResults.Error(422, $"not a usable feed ({result.Error!.Kind}): {result.Error.Reason}");
        }

        return TypedResults.Text(JsonSerializer.Serialize(feed, FeedJsonContext.Default.NormalizedFeed), "application/json");
    }

    /// <summary>The body, or null when it exceeds <see cref="MaxDocumentBytes"/> (counted while reading: chunked bodies have no length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Truncate(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
