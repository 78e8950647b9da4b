using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Fetching;

/// <summary>
/// Fetches one feed URL the way FEEDS.md ("Fetching") describes and reports what happened as a
/// <see cref="FeedFetchResult"/>; expected network outcomes never throw.
/// </summary>
/// <remarks>
/// One fetch, in order:
/// <list type="number">
/// <item>A deadline (<see cref="FetcherOptions.Deadline"/>) starts; it covers connecting, every redirect hop,
/// the headers and the body, so a server trickling one byte a second cannot hold a worker.</item>
/// <item>A GET with a stable User-Agent, the feed Accept list, <c>Accept-Encoding: gzip, deflate, br</c> and,
/// unless the request is unconditional, the stored ETag and Last-Modified sent back verbatim
/// (If-None-Match / If-Modified-Since, RFC 9110 §13.1).</item>
/// <item>The shared handler connects through <see cref="SsrfGuard"/>; a refused address ends the fetch as
/// <see cref="FetchOutcome.Blocked"/>. Connections are pooled per host.</item>
/// <item>Redirects are followed by hand (<see cref="RedirectRules"/>): at most
/// <see cref="FetcherOptions.MaxRedirects"/> hops, no loops, no https→http, only http(s) targets.</item>
/// <item>The final status is mapped to an outcome; on 2xx the body is decoded while streaming and the decoded
/// bytes are capped (<see cref="BodyDecoder"/>).</item>
/// <item>ETag, Last-Modified, the cache lifetime and Retry-After are returned for the scheduler.
/// <see cref="FeedFetchResult.PermanentRedirectTarget"/> is set when every hop was 301/308 and the target answered
/// 2xx or 304: a permanent move to a dead URL is not worth proposing.</item>
/// </list>
/// </remarks>
internal sealed class FeedFetcher : IDisposable
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    private readonly FetcherOptions _options;
    private readonly TimeProvider _time;
    private readonly FetchMetrics _metrics;
    private readonly ILogger _logger;
    private readonly HttpClient _client;

    public FeedFetcher(IOptions<FetcherOptions> options, TimeProvider time, FetchMetrics metrics, ILogger<FeedFetcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;

        // 1 MB of an unread error page may be drained to keep the connection for the next poll of this host.
        _client = FetchHandlerFactory.Create(_options, maxResponseDrainBytes: 1024 * 1024);
    }

    /// <summary>Fetches the feed. Only the caller's own cancellation throws (OperationCanceledException).</summary>
    public async Task<FeedFetchResult> FetchAsync(FeedFetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps))
        {
            // Registration refuses such URLs (FEEDS.md "Registration"); this keeps a bad stored one from throwing.
            var refused = Failure(FetchOutcome.ClientError, request.Url, 0, $"the feed URL {request.Url} is not an absolute http or https URL");
            Record(refused, 0);
            return refused;
        }

        using var deadline = new CancellationTokenSource(_options.Deadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        var url = request.Url;
        var phase = "waiting for the response headers";
        long decodedBytes = 0;
        FeedFetchResult result;
        try
        {
            var visited = new HashSet<string>(StringComparer.Ordinal) { RedirectRules.VisitKey(url) };
            var allPermanent = true;
            for (var hop = 1; ; hop++)
            {
                phase = "waiting for the response headers";
                using var message = CreateRequest(url, request);
                using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (!RedirectRules.IsRedirect(status))
                {
                    phase = "reading the body";
                    var permanentTarget = hop > 1 && allPermanent ? url : null;
                    (result, decodedBytes) = await CompleteAsync(response, url, permanentTarget, token).ConfigureAwait(false);
                    break;
                }

                if (hop > _options.MaxRedirects)
                {
                    result = Failure(FetchOutcome.BadRedirect, url, status,
                        $"more than {_options.MaxRedirects} redirects (Updater:Fetching:MaxRedirects) starting at {request.Url}; the chain was still going at {url}");
                    break;
                }

                var step = RedirectRules.Next(url, status, ResponseHeaders.Raw(response, "Location"), hop, visited);
                if (step.Target is null)
                {
                    result = Failure(FetchOutcome.BadRedirect, url, status, step.Error!);
                    break;
                }

                allPermanent &= RedirectRules.IsPermanent(status);
                url = step.Target;
                visited.Add(RedirectRules.VisitKey(url));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = Failure(FetchOutcome.Timeout, url, 0,
                $"no complete response from {url} within {Seconds(_options.Deadline)} (Updater:Fetching:Deadline), still {phase}; the server is slow or trickling");
        }
        catch (HttpRequestException ex)
        {
            var (outcome, error) = Classify(ex, url);
            result = Failure(outcome, url, 0, error);
        }
        catch (InvalidDataException ex)
        {
            result = Failure(FetchOutcome.NetworkError, url, 0, $"the encoded body from {url} is corrupt or truncated: {ex.Message}");
        }
        catch (IOException ex)
        {
            var (outcome, error) = Classify(ex, url);
            result = Failure(outcome, url, 0, $"{error}, while {phase}");
        }

        result = result with { Elapsed = _time.GetElapsedTime(started) };
        Record(result, decodedBytes);
        return result;
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage CreateRequest(Uri url, FeedFetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        var headers = message.Headers;
        headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        headers.TryAddWithoutValidation("Accept", Accept);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        if (!request.Unconditional)
        {
            // Verbatim (RFC 9110 §8.8.3, §13.1.3): servers compare validators as opaque strings, and a "fixed" one
            // never matches. A value that cannot be sent at all (a line break) is dropped: the poll becomes unconditional.
            if (IsSendable(request.ETag))
            {
                headers.TryAddWithoutValidation("If-None-Match", request.ETag);
            }

            if (IsSendable(request.LastModified))
            {
                headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
            }
        }

        return message;
    }

    private static bool IsSendable(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Any(c => c is < ' ' and not '\t' or '\u007f');

    private async Task<(FeedFetchResult Result, long DecodedBytes)> CompleteAsync(HttpResponseMessage response, Uri url, Uri? permanentTarget, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        var result = new FeedFetchResult
        {
            Outcome = FetchOutcome.Content,
            StatusCode = status,
            FinalUrl = url,
            ContentType = ResponseHeaders.Raw(response, "Content-Type"),
            ETag = ResponseHeaders.Raw(response, "ETag"),
            LastModified = ResponseHeaders.Raw(response, "Last-Modified"),
            CacheLifetime = ResponseHeaders.CacheLifetime(response),
        };
        var said = $"{url} answered {status} {response.ReasonPhrase}".TrimEnd();
        switch (status)
        {
            case 304:
                return (result with { Outcome = FetchOutcome.NotModified, PermanentRedirectTarget = permanentTarget }, 0);
            case >= 200 and < 300:
                return await ReadBodyAsync(response, result with { PermanentRedirectTarget = permanentTarget }, token).ConfigureAwait(false);
            case 410:
                return (result with { Outcome = FetchOutcome.Gone, Error = $"{said}: the feed was removed for good" }, 0);
            case 429 or 503:
                var retryAfter = ResponseHeaders.RetryAfter(response, _time.GetUtcNow());
                var hint = retryAfter is { } wait ? $"; it asks to retry after {Seconds(wait)}" : "; it sent no Retry-After";
                return (result with { Outcome = FetchOutcome.RateLimited, RetryAfter = retryAfter, Error = said + hint }, 0);
            case >= 500:
                return (result with { Outcome = FetchOutcome.ServerError, Error = $"{said}: a server-side failure, retried with backoff" }, 0);
            case >= 400:
                return (result with { Outcome = FetchOutcome.ClientError, Error = $"{said}: check the feed URL" }, 0);
            default:
                return (result with { Outcome = FetchOutcome.BadRedirect, Error = $"{said}, a status the fetcher does not follow" }, 0);
        }
    }

    private async Task<(FeedFetchResult Result, long DecodedBytes)> ReadBodyAsync(HttpResponseMessage response, FeedFetchResult result, CancellationToken token)
    {
        var cap = _options.MaxDecodedBytes;
        var url = result.FinalUrl;
        var announced = response.Content.Headers.ContentLength;
        if (announced > cap)
        {
            return (Refused(result, $"{url} announced a {Size(announced.Value)} body (Content-Length), over the {Size(cap)} cap (Updater:Fetching:MaxDecodedBytes)"), 0);
        }

        var coding = BodyDecoder.ParseContentEncoding(ResponseHeaders.Raw(response, "Content-Encoding"), out var encodingError);
        if (coding is null)
        {
            return (Refused(result, $"{url}: {encodingError}"), 0);
        }

        var raw = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        var decoded = await BodyDecoder.OpenAsync(raw, coding.Value, token).ConfigureAwait(false);
        await using (decoded.ConfigureAwait(false))
        {
            var sizeHint = coding == ContentCoding.Identity ? announced : null;
            var (body, read) = await BodyDecoder.ReadCappedAsync(decoded, cap, sizeHint, token).ConfigureAwait(false);
            if (body is null)
            {
                return (Refused(result, $"the decoded body of {url} exceeded {Size(cap)} (Updater:Fetching:MaxDecodedBytes); a gzip bomb or a runaway feed"), read);
            }

            return (result with { Body = body }, read);
        }
    }

    private static FeedFetchResult Refused(FeedFetchResult result, string error) =>
        result with { Outcome = FetchOutcome.TooLarge, PermanentRedirectTarget = null, Error = error };

    private static FeedFetchResult Failure(FetchOutcome outcome, Uri url, int status, string error) =>
        new() { Outcome = outcome, FinalUrl = url, StatusCode = status, Error = error };

    /// <summary>Maps a transport failure to an outcome and a sentence; the SSRF guard's refusal is found in the inner-exception chain.</summary>
    internal static (FetchOutcome Outcome, string Error) Classify(Exception exception, Uri url)
    {
        var host = url.IdnHost;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SsrfBlockedException blocked:
                    return (FetchOutcome.Blocked, $"the SSRF guard {blocked.Message}");
                case TimeoutException timeout:
                    return (FetchOutcome.Timeout, timeout.Message);
                case AuthenticationException tls:
                    return (FetchOutcome.NetworkError, $"the TLS handshake with {host} failed: {tls.Message}");
                case SocketException socket:
                    return (FetchOutcome.NetworkError, socket.SocketErrorCode switch
                    {
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the DNS lookup of {host} failed ({socket.SocketErrorCode})",
                        SocketError.ConnectionRefused => $"{host}:{url.Port} refused the connection",
                        SocketError.ConnectionReset => $"{host} reset the connection",
                        SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{host} is unreachable ({socket.SocketErrorCode})",
                        _ => $"the connection to {host} failed: {socket.Message}",
                    });
                default:
                    break;
            }
        }

        var error = exception is HttpRequestException http
            ? http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"the DNS lookup of {host} failed",
                HttpRequestError.SecureConnectionError => $"the TLS handshake with {host} failed",
                HttpRequestError.ResponseEnded => $"{host} closed the connection before the response was complete",
                HttpRequestError.InvalidResponse => $"{host} sent an invalid HTTP response",
                _ => $"the request to {url} failed: {http.Message}",
            }
            : $"the connection to {host} failed: {exception.Message}";
        return (FetchOutcome.NetworkError, error);
    }

    internal static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    internal static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s");

    private void Record(FeedFetchResult result, long decodedBytes)
    {
        _metrics.Fetched(result.Outcome, result.Elapsed, decodedBytes);
        if (result.Outcome is FetchOutcome.Content or FetchOutcome.NotModified)
        {
            FetchingLog.Fetched(_logger, result.FinalUrl, result.Outcome, result.StatusCode, (long)result.Elapsed.TotalMilliseconds, decodedBytes);
        }
        else if (result.Outcome == FetchOutcome.Blocked)
        {
            FetchingLog.Blocked(_logger, result.FinalUrl, result.Error ?? "");
        }
        else
        {
            FetchingLog.FetchFailed(_logger, result.FinalUrl, result.Outcome, result.Error ?? "");
        }
    }
}
