using System.Globalization;

namespace Feed.Updater.Publishing;

/// <summary>
/// Makes one signed POST of one event and says how it went. Redirects are not followed (the client is built with
/// AllowAutoRedirect=false): a 3xx is a failed attempt, because following it would sign a delivery to a URL the
/// subscriber never registered and would step around the SSRF check of the registered one.
/// </summary>
internal sealed class WebhookSender(HttpClient http, WebhookOptions options, TimeProvider time)
{
    /// <summary>The webhook client: SSRF guard at connect time (unless switched off for tests), no redirects, no proxy, no cookies.</summary>
    public static HttpClient CreateClient(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,

            // A proxy would make the connect callback see the proxy's address, not the receiver's: the guard would check the wrong host.
            UseProxy = false,
        };
        if (options.UseAddressGuard)
        {
            handler.ConnectCallback = Fetching.SsrfGuard.CreateConnectCallback(
                new Fetching.AddressPolicy(options.AllowLoopback, options.AllowPrivateNetworks), options.ConnectTimeout);
        }

        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Prefix-Webhooks/1.0");
        return client;
    }

    /// <summary>POSTs <paramref name="body"/> to the subscription's URL; status 0 when no response arrived.</summary>
    public async Task<WebhookAttempt> PostAsync(
        WebhookSubscription subscription,
        byte[] body,
        string eventId,
        string eventType,
        int attempt,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url);
        WebhookSigner.Apply(request, subscription.Secret, body, eventId, eventType, attempt, time.GetUtcNow());
        using var timeout = new CancellationTokenSource(options.DeliveryTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => string.Create(CultureInfo.InvariantCulture, $"HTTP {status} (redirects are not followed; register the final URL)"),
                _ => string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}"),
            };
            return new WebhookAttempt(status, error, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(0, string.Create(CultureInfo.InvariantCulture, $"no response within {options.DeliveryTimeout.TotalSeconds:0.###} s"), time.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(0, e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}", time.GetElapsedTime(started));
        }
    }
}
