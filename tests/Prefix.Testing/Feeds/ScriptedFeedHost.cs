using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Prefix.Testing.Feeds;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) whose answers a test scripts per path: a fake feed host for
/// fetcher, poller and end-to-end tests. Every request is logged (method, path, headers, time, connection) and
/// accepted TCP connections are counted, so a test can assert what a client sent and whether it reused connections.
/// </summary>
/// <example>
/// <code>
/// await using var host = await ScriptedFeedHost.StartAsync();
/// host.ServeXml("/feed.xml", "&lt;rss/&gt;", etag: "\"v1\"")
///     .Redirect("/old.xml", 301, "/feed.xml")
///     .Map("/slow.xml", async ctx => { await Task.Delay(5000, ctx.RequestAborted); });
/// var url = host.Url("/old.xml");
/// // … run the code under test against url …
/// Assert.Equal("\"v1\"", host.RequestsTo("/feed.xml")[^1].Header("If-None-Match"));
/// </code>
/// </example>
/// <remarks>
/// Handlers are looked up by exact path (ordinal; the query string is not part of the key) and may be replaced
/// while the host runs. An unmapped path answers 404. Handlers run on Kestrel's threads: keep state they share
/// with the test thread-safe.
/// </remarks>
public sealed class ScriptedFeedHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private int _connections;

    private ScriptedFeedHost()
    {
    }

    /// <summary>The root URL, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The bound port.</summary>
    public int Port => BaseUri.Port;

    /// <summary>TCP connections Kestrel has accepted since the start.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _connections);

    /// <summary>Every request received so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts the server on a free loopback port.</summary>
    public static Task<ScriptedFeedHost> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(new ScriptedFeedHostOptions(), cancellationToken);

    /// <summary>Starts the server on a free loopback port with non-default <paramref name="options"/>.</summary>
    public static async Task<ScriptedFeedHost> StartAsync(ScriptedFeedHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new ScriptedFeedHost();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        if (options.SendBufferBytes is { } sendBuffer)
        {
            // Accepted sockets inherit the listening socket's buffer sizes.
            builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endPoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint);
                socket.SendBufferSize = sendBuffer;
                return socket;
            });
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Port 0: the operating system picks a free port, read back below (no race with other tests).
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
            {
                Interlocked.Increment(ref host._connections);
                return next(connection);
            }));
        });

        var app = builder.Build();
        app.Run(host.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        host._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>The absolute URL of a path (and query) on this host, e.g. <c>Url("/feed.xml?x=1")</c>.</summary>
    public Uri Url(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(BaseUri, pathAndQuery.TrimStart('/'));
    }

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="handler"/> (replacing any earlier one).</summary>
    public ScriptedFeedHost Map(string path, RequestDelegate handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[Normalize(path)] = handler;
        return this;
    }

    /// <summary>Stops answering <paramref name="path"/> (it answers 404 again).</summary>
    public bool Unmap(string path) => _handlers.TryRemove(Normalize(path), out _);

    /// <summary>
    /// Serves an XML body with an optional ETag and Last-Modified, answering 304 when the request's If-None-Match
    /// equals the ETag or its If-Modified-Since equals the Last-Modified (exact string comparison, the way most
    /// feed hosts behave).
    /// </summary>
    public ScriptedFeedHost ServeXml(string path, string body, string? etag = null, string? lastModified = null,
        string contentType = "application/rss+xml; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Map(path, async context =>
        {
            var response = context.Response;
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            if (lastModified is not null)
            {
                response.Headers.LastModified = lastModified;
            }

            var request = context.Request.Headers;
            if ((etag is not null && request.IfNoneMatch.ToString() == etag)
                || (lastModified is not null && request.IfModifiedSince.ToString() == lastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.ContentType = contentType;
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>Serves fixed bytes with the given status and extra response headers (e.g. Content-Encoding).</summary>
    public ScriptedFeedHost ServeBytes(string path, byte[] body, string contentType, int status = 200,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Map(path, async context =>
        {
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            AddHeaders(response, headers);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        });
    }

    /// <summary>Answers with a redirect status and a Location header sent as given (relative or absolute).</summary>
    public ScriptedFeedHost Redirect(string path, int status, string location) =>
        Map(path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

    /// <summary>Answers with a bare status and optional headers (e.g. 429 with Retry-After).</summary>
    public ScriptedFeedHost Status(string path, int status, IReadOnlyDictionary<string, string>? headers = null) =>
        Map(path, context =>
        {
            context.Response.StatusCode = status;
            AddHeaders(context.Response, headers);
            return Task.CompletedTask;
        });

    /// <summary>The requests received for one path, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path)
    {
        var key = Normalize(path);
        return _requests.Where(r => r.Path == key).ToArray();
    }

    /// <summary>Forgets the request log (the connection count stays).</summary>
    public void ClearLog() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private static void AddHeaders(HttpResponse response, IReadOnlyDictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            headers,
            DateTimeOffset.UtcNow,
            context.Connection.Id));

        if (_handlers.TryGetValue(request.Path.Value ?? "/", out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"ScriptedFeedHost: no handler for {request.Path}"), context.RequestAborted);
    }
}
