using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Feed.Updater.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prefix.Testing.Servers;

namespace Feed.Updater.Tests.Publishing;

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1 that verifies every delivery's signature with
/// <see cref="WebhookSigner.Verify(string, string?, ReadOnlySpan{byte}, DateTimeOffset)"/> and answers what the test says.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <param name="secret">The subscription's secret.</param>
    /// <param name="respond">Status to answer for a delivery (default 204).</param>
    public static async Task<WebhookReceiver> StartAsync(string secret, Func<ReceivedDelivery, int>? respond = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var headers = context.Request.Headers;
            var delivery = new ReceivedDelivery(
                Encoding.UTF8.GetString(body),
                headers[WebhookSigner.EventIdHeader].ToString(),
                headers[WebhookSigner.EventTypeHeader].ToString(),
                int.Parse(headers[WebhookSigner.AttemptHeader].ToString(), CultureInfo.InvariantCulture),
                context.Request.ContentType,
                WebhookSigner.Verify(secret, headers[WebhookSigner.SignatureHeader].ToString(), body, DateTimeOffset.UtcNow));
            var status = respond?.Invoke(delivery) ?? 204;
            receiver!._received.Enqueue(delivery with { Status = status });
            return Results.StatusCode(status);
        });
        receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/hook"));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits (polling; the deliveries come over real sockets) until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedDelivery>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(Received))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Receiver condition not met; got {_received.Count} deliveries.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got.</summary>
internal sealed record ReceivedDelivery(string Body, string EventId, string EventType, int Attempt, string? ContentType, WebhookSignatureResult Signature, int Status = 0);
