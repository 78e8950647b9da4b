using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Prefix.ClickHouse.Http;

/// <summary>
/// Builds and sends HTTP interface requests: SQL in the POST body (or the URL for INSERT, whose body is
/// data), credentials in X-ClickHouse-User/Key headers (18.16 and later accept them; they stay out of
/// URLs and logs), settings as URL parameters. Non-2xx answers become <see cref="ClickHouseServerException"/>.
/// </summary>
internal sealed class ClickHouseTransport : IDisposable
{
    private const int MaxErrorBodyBytes = 256 * 1024;
    private readonly ClickHouseOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public ClickHouseTransport(ClickHouseOptions options, HttpClient? httpClient)
    {
        _options = options;
        if (httpClient is not null)
        {
            _http = httpClient;
            return;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            // The server closes idle keep-alive connections after 3 s (its default keep_alive_timeout); reusing one
            // it is closing would fail a streamed INSERT that cannot be replayed.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
            UseCookies = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _ownsHttp = true;
    }

    public QueryScope CreateScope(QueryOptions? query, CancellationToken cancellationToken) =>
        new(query?.QueryId ?? Guid.NewGuid().ToString("D"), query?.Timeout ?? _options.Timeout, cancellationToken);

    /// <summary>
    /// Sends one query and returns the response once its headers arrived (the body streams on). When
    /// <paramref name="body"/> is null the SQL travels in the body, otherwise in the URL.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        string sql,
        HttpContent? body,
        QueryOptions? query,
        QueryScope scope,
        IEnumerable<KeyValuePair<string, string>>? extraParameters = null)
    {
        var uri = BuildUri(query, scope.QueryId, body is null ? null : sql, extraParameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = body ?? new ByteArrayContent(Encoding.UTF8.GetBytes(sql)),
            Version = HttpVersion.Version11,
        };
        AddCredentials(request);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ReadErrorAsync(response, scope).ConfigureAwait(false);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var scope = new QueryScope("ping", _options.Timeout, cancellationToken);
        try
        {
            using var response = await _http.GetAsync(new Uri(_options.Endpoint, "ping"), scope.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(scope.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || !text.StartsWith("Ok.", StringComparison.Ordinal))
            {
                throw new ClickHouseConnectionException($"{_options.Endpoint} answered /ping with {(int)response.StatusCode}: {Truncate(text)}", null);
            }
        }
        catch (Exception ex) when (ex is not ClickHouseException)
        {
            throw await TranslateAsync(ex, scope, kill: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Maps a failure to the client's exception types. On timeout or cancellation the query may still be
    /// running on the server (18.16 only notices a closed connection when it writes), so it is killed by id.
    /// </summary>
    public async Task<Exception> TranslateAsync(Exception exception, QueryScope scope, bool kill = true)
    {
        switch (exception)
        {
            case ClickHouseException:
                return exception;
            case OperationCanceledException when scope.UserToken.IsCancellationRequested:
                if (kill)
                {
                    await KillAsync(scope.QueryId).ConfigureAwait(false);
                }

                return new OperationCanceledException($"ClickHouse query {scope.QueryId} was cancelled.", exception, scope.UserToken);
            case OperationCanceledException when scope.TimedOut || exception.InnerException is TimeoutException:
                if (kill)
                {
                    await KillAsync(scope.QueryId).ConfigureAwait(false);
                }

                return new ClickHouseTimeoutException(scope.Timeout, scope.QueryId == "ping" ? null : scope.QueryId, exception);
            case HttpRequestException or IOException or SocketException or OperationCanceledException:
                return new ClickHouseConnectionException(
                    $"ClickHouse at {_options.Endpoint} failed: {exception.Message}{(scope.QueryId == "ping" ? string.Empty : $" [query_id {scope.QueryId}]")}",
                    scope.QueryId == "ping" ? null : scope.QueryId,
                    exception);
            default:
                return exception;
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] + "…" : text;

    private async Task<Exception> ReadErrorAsync(HttpResponseMessage response, QueryScope scope)
    {
        string body;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), scope.Token).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                body = Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            body = string.Empty;
        }

        var code = response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values) ? values.FirstOrDefault() : null;
        return (Exception?)ServerErrorParser.TryParse(body, code, scope.QueryId)
            ?? new ClickHouseConnectionException(
                $"ClickHouse at {_options.Endpoint} answered HTTP {(int)response.StatusCode}: {Truncate(body)} [query_id {scope.QueryId}]",
                scope.QueryId);
    }

    private async Task KillAsync(string queryId)
    {
        // Best effort with its own short deadline: the caller's token has already fired.
        using var scope = new QueryScope(Guid.NewGuid().ToString("D"), TimeSpan.FromSeconds(2), CancellationToken.None);
        try
        {
            var sql = $"KILL QUERY WHERE query_id = {ClickHouseSql.Literal(queryId)} ASYNC";
            using var response = await SendAsync(sql, null, null, scope).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync(scope.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ClickHouseException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Nothing more can be done; the server-side query ends when it next writes to the closed connection.
        }
    }

    private void AddCredentials(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-ClickHouse-User", _options.User);
        if (!string.IsNullOrEmpty(_options.Password))
        {
            request.Headers.TryAddWithoutValidation("X-ClickHouse-Key", _options.Password);
        }
    }

    private Uri BuildUri(QueryOptions? query, string queryId, string? urlSql, IEnumerable<KeyValuePair<string, string>>? extra)
    {
        var settings = new Dictionary<string, string>(_options.Settings, StringComparer.Ordinal);
        if (query?.Settings is { } perQuery)
        {
            foreach (var (name, value) in perQuery)
            {
                settings[name] = value;
            }
        }

        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                settings[name] = value;
            }
        }

        settings["database"] = query?.Database ?? _options.Database;
        settings["query_id"] = queryId;
        if (urlSql is not null)
        {
            settings["query"] = urlSql;
        }

        var text = new StringBuilder("?");
        foreach (var (name, value) in settings)
        {
            if (text.Length > 1)
            {
                text.Append('&');
            }

            text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new Uri(_options.Endpoint, text.ToString());
    }
}
