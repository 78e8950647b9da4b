using Microsoft.Extensions.Options;

namespace Feed.Updater.Fetching;

/// <summary>
/// Reads the first 10 bytes of an enclosure to learn the size of its ID3v2 tag and the file's length, without
/// downloading the file.
/// </summary>
/// <remarks>
/// A GET with <c>Range: bytes=0-9</c> (RFC 9110 §14.2) follows up to <see cref="FetcherOptions.ProbeMaxRedirects"/>
/// hops (enclosure URLs often pass through several tracking prefixes) under the same SSRF guard and redirect rules
/// as the feed fetcher. A 206 carries the 10 bytes and the total length in Content-Range. A server that ignores
/// Range answers 200 with the whole file: the probe reads 10 bytes and drops the connection (its handler drains
/// nothing), so at most a few socket buffers of audio cross the wire.
/// </remarks>
internal sealed class EnclosureProbe : IDisposable
{
    private readonly FetcherOptions _options;
    private readonly TimeProvider _time;
    private readonly FetchMetrics _metrics;
    private readonly ILogger _logger;
    private readonly HttpClient _client;

    public EnclosureProbe(IOptions<FetcherOptions> options, TimeProvider time, FetchMetrics metrics, ILogger<EnclosureProbe> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _client = FetchHandlerFactory.Create(_options, maxResponseDrainBytes: 0);
    }

    /// <summary>Probes the enclosure. Only the caller's own cancellation throws (OperationCanceledException).</summary>
    public async Task<EnclosureProbeResult> ProbeAsync(Uri enclosureUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enclosureUrl);
        using var deadline = new CancellationTokenSource(_options.ProbeDeadline, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var url = enclosureUrl;
        EnclosureProbeResult result;
        try
        {
            result = await FollowAsync(enclosureUrl, u => url = u, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = Failed(0, $"no answer from {url} within {FeedFetcher.Seconds(_options.ProbeDeadline)} (Updater:Fetching:ProbeDeadline)");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            result = Failed(0, FeedFetcher.Classify(ex, url).Error);
        }

        _metrics.Probed(result.Succeeded);
        if (result.Succeeded)
        {
            FetchingLog.Probed(_logger, url, result.StatusCode, result.Id3Size, result.ContentLength);
        }
        else
        {
            FetchingLog.ProbeFailed(_logger, url, result.Error ?? "");
        }

        return result;
    }

    public void Dispose() => _client.Dispose();

    private async Task<EnclosureProbeResult> FollowAsync(Uri start, Action<Uri> moved, CancellationToken token)
    {
        if (start.Scheme != Uri.UriSchemeHttp && start.Scheme != Uri.UriSchemeHttps)
        {
            return Failed(0, $"the enclosure URL {start} is not an http or https URL");
        }

        var url = start;
        var visited = new HashSet<string>(StringComparer.Ordinal) { RedirectRules.VisitKey(url) };
        for (var hop = 1; ; hop++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            message.Headers.TryAddWithoutValidation("Range", "bytes=0-9");

            // The bytes of the file itself, not of a compressed rendering of it.
            message.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (RedirectRules.IsRedirect(status))
            {
                if (hop > _options.ProbeMaxRedirects)
                {
                    return Failed(status, $"more than {_options.ProbeMaxRedirects} redirects (Updater:Fetching:ProbeMaxRedirects) starting at {start}");
                }

                var step = RedirectRules.Next(url, status, ResponseHeaders.Raw(response, "Location"), hop, visited);
                if (step.Target is null)
                {
                    return Failed(status, step.Error!);
                }

                url = step.Target;
                visited.Add(RedirectRules.VisitKey(url));
                moved(url);
                continue;
            }

            if (status is not (206 or 200))
            {
                return Failed(status, $"{url} answered {status} {response.ReasonPhrase}".TrimEnd());
            }

            var head = new byte[Id3Header.Length];
            var read = 0;
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (read < head.Length)
                {
                    var n = await body.ReadAsync(head.AsMemory(read), token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }
            }

            // "bytes 0-9/12345" gives 12345; "bytes 0-9/*" (length unknown) gives null.
            var length = status == 206 ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
            return new EnclosureProbeResult(true, Id3Header.TagSize(head.AsSpan(0, read)), length, status, null);
        }
    }

    private static EnclosureProbeResult Failed(int status, string error) => new(false, null, null, status, error);
}
