using System.Globalization;
using Feed.FakeHost.Configuration;
using Feed.FakeHost.Generation;
using Feed.FakeHost.Model;
using Feed.FakeHost.Observability;
using Microsoft.Net.Http.Headers;

namespace Feed.FakeHost.Endpoints;

/// <summary>
/// GET /feeds/{n}.xml: the feed's fault if it has one, else its current version with its validators.
/// </summary>
/// <remarks>
/// 1. Fault feeds answer their fault (301, 500, 404, 410, 429, HTML) without touching the generator.
/// 2. Slow feeds wait before the headers (and half of them dribble the body).
/// 3. The version is computed from the clock; a matching If-None-Match / If-Modified-Since is a bodiless 304 — the
///    cheap path most polls take.
/// 4. Otherwise the body for (n, version) comes from the LRU or the generator, gzipped when the feed's server does
///    gzip and the client accepts it, cut short for malformed feeds.
/// </remarks>
internal sealed class FeedHandler(FeedModel model, FeedWriter writer, FeedBodyCache cache, HostStats stats, ServedChanges served, FakeHostOptions options, TimeProvider time)
{
    private const int SlowBodyPieces = 5;
    private static readonly TimeSpan SlowBodyPause = TimeSpan.FromMilliseconds(400);

    private static readonly byte[] LoginPage =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in</title></head>\n<body><h1>Sign in to continue</h1>\n<form method=\"post\" action=\"/login\"><label>Email <input name=\"email\" type=\"email\"></label>\n<label>Password <input name=\"password\" type=\"password\"></label>\n<button>Sign in</button></form>\n</body></html>\n"u8.ToArray();

    private readonly string _retryAfter = ((long)options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public async Task HandleAsync(HttpContext context)
    {
        stats.Request();
        var request = context.Request;
        var response = context.Response;
        var ct = context.RequestAborted;
        if (!TryParseFeedNumber(context.Request.RouteValues["name"] as string, out var n) || n >= model.FeedCount)
        {
            stats.Feed404();
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var feed = model.Profile(n);
        switch (feed.Behavior)
        {
            case FeedBehavior.Redirect when !request.Query.ContainsKey("moved"):
                stats.FeedRedirect();
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"{model.BaseUrl}/feeds/{n}.xml?moved=1");
                return;
            case FeedBehavior.ServerError:
                stats.Feed5xx();
                await WriteTextAsync(response, StatusCodes.Status500InternalServerError, "Internal Server Error\n", ct);
                return;
            case FeedBehavior.NotFound:
                stats.Feed404();
                await WriteTextAsync(response, StatusCodes.Status404NotFound, "Not Found\n", ct);
                return;
            case FeedBehavior.Gone:
                stats.Feed410();
                await WriteTextAsync(response, StatusCodes.Status410Gone, "This podcast has moved on.\n", ct);
                return;
            case FeedBehavior.TooManyRequests:
                stats.Feed429();
                response.Headers.RetryAfter = _retryAfter;
                await WriteTextAsync(response, StatusCodes.Status429TooManyRequests, "Too Many Requests\n", ct);
                return;
            case FeedBehavior.HtmlPage:
                stats.FeedHtml();
                response.ContentType = "text/html; charset=utf-8";
                response.ContentLength = LoginPage.Length;
                stats.BytesSent(LoginPage.Length);
                await response.Body.WriteAsync(LoginPage, ct);
                return;
            case FeedBehavior.Slow:
                stats.FeedSlow();
                await Task.Delay(TimeSpan.FromMilliseconds(feed.SlowDelayMs), time, ct);
                break;
        }

        var version = FeedModel.Version(feed, time.GetUtcNow().ToUnixTimeMilliseconds());
        var lastModifiedMs = FeedModel.VersionStartMs(feed, version) / 1000 * 1000; // HTTP dates have whole seconds
        var headers = response.Headers;
        string? etag = null;
        if (feed.Validators == ValidatorMode.Both)
        {
            etag = string.Create(CultureInfo.InvariantCulture, $"\"{n}-{version}\"");
            headers.ETag = etag;
        }

        if (feed.Validators != ValidatorMode.None)
        {
            headers.LastModified = HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeMilliseconds(lastModifiedMs));
        }

        // RFC 9110 §13.2.2: If-None-Match, when present (and understood), decides alone; If-Modified-Since is ignored then.
        var notModified = etag is not null && request.Headers.IfNoneMatch.Count > 0
            ? HttpHeaderRules.AnyEntityTagMatches(request.Headers.IfNoneMatch, etag)
            : feed.Validators != ValidatorMode.None && HttpHeaderRules.NotModifiedSince(request.Headers.IfModifiedSince, lastModifiedMs);
        if (feed.Gzip)
        {
            headers.Vary = "Accept-Encoding";
        }

        if (notModified)
        {
            stats.Feed304();
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var cached = feed.ItemCount >= options.CacheMinItems;
        FeedBody body;
        if (cached)
        {
            body = cache.GetOrAdd(n, version, () => writer.Write(feed, version, pooled: false), out var hit);
            stats.Cache(hit);
        }
        else
        {
            body = writer.Write(feed, version, pooled: true);
        }

        try
        {
            var length = body.Length;
            if (feed.Behavior == FeedBehavior.Malformed)
            {
                stats.FeedMalformed();
                length = (int)(length * 0.6);
            }
            else
            {
                if (served.Served(n, version, out var initial) && !initial)
                {
                    stats.FeedNewVersion();
                }

                if (feed.Gzip && HttpHeaderRules.AcceptsGzip(request.Headers.AcceptEncoding))
                {
                    stats.FeedGzip();
                    body = Compress(body, cached, n, version);
                    length = body.Length;
                    headers.ContentEncoding = "gzip";
                }
            }

            stats.Feed200();
            response.ContentType = "application/rss+xml; charset=utf-8";
            response.ContentLength = length;
            if (!HttpMethods.IsHead(request.Method))
            {
                var pieces = feed.Behavior == FeedBehavior.Slow && feed.SlowBody ? SlowBodyPieces : 1;
                await WriteBodyAsync(response, body, length, pieces, ct);
                stats.BytesSent(length);
            }
        }
        finally
        {
            if (!cached)
            {
                body.Dispose();
            }
        }
    }

    private FeedBody Compress(FeedBody body, bool cached, int n, long version)
    {
        if (!cached)
        {
            using (body)
            {
                return body.Compress(pooled: true);
            }
        }

        var before = body.Footprint;
        var gzipped = body.Gzipped();
        if (body.Footprint != before)
        {
            cache.Recount(n, version);
        }

        return gzipped;
    }

    private static bool TryParseFeedNumber(string? name, out int n)
    {
        n = -1;
        return name is not null && name.EndsWith(".xml", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(0, name.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out n);
    }

    private async Task WriteBodyAsync(HttpResponse response, FeedBody body, int length, int pieces, CancellationToken ct)
    {
        var pieceLength = (length + pieces - 1) / pieces;
        var sentInPiece = 0;
        var left = length;
        foreach (var chunk in body.Chunks)
        {
            var rest = chunk[..Math.Min(chunk.Length, left)];
            while (!rest.IsEmpty)
            {
                var take = Math.Min(rest.Length, pieceLength - sentInPiece);
                await response.Body.WriteAsync(rest[..take], ct);
                rest = rest[take..];
                left -= take;
                sentInPiece += take;
                if (sentInPiece == pieceLength && left > 0)
                {
                    // A slow origin: flush what we have and stall, so the client's overall deadline is exercised.
                    sentInPiece = 0;
                    await response.Body.FlushAsync(ct);
                    await Task.Delay(SlowBodyPause, time, ct);
                }
            }

            if (left == 0)
            {
                break;
            }
        }
    }

    private async Task WriteTextAsync(HttpResponse response, int status, string text, CancellationToken ct)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = text.Length;
        stats.BytesSent(text.Length);
        await response.WriteAsync(text, ct);
    }
}
