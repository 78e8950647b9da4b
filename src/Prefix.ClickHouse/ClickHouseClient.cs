using System.Runtime.CompilerServices;
using Prefix.ClickHouse.Formats;
using Prefix.ClickHouse.Http;

namespace Prefix.ClickHouse;

/// <summary>
/// A thread-safe client for ClickHouse's HTTP interface. Results stream as TabSeparatedWithNamesAndTypes
/// (exact for arbitrary bytes, and available on 18.16); inserts stream as RowBinary.
/// </summary>
public sealed class ClickHouseClient : IDisposable
{
    private const string ResultFormat = "TabSeparatedWithNamesAndTypes";
    private const int MaxErrorLines = 256;
    private static readonly KeyValuePair<string, string>[] ResultFormatParameter = [new("default_format", ResultFormat)];
    private readonly ClickHouseTransport _transport;
    private Task<TimeZoneInfo>? _serverTimeZone;

    public ClickHouseClient(ClickHouseOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _transport = new ClickHouseTransport(options, httpClient);
    }

    public ClickHouseOptions Options { get; }

    /// <summary>GET /ping; throws <see cref="ClickHouseConnectionException"/> if the server does not answer "Ok.".</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) => _transport.PingAsync(cancellationToken);

    /// <summary>Runs a statement that returns no rows (DDL, INSERT … SELECT, ALTER, KILL).</summary>
    public async Task ExecuteAsync(string sql, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var scope = _transport.CreateScope(options, cancellationToken);
        try
        {
            using var response = await _transport.SendAsync(sql, null, options, scope).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(scope.Token).ConfigureAwait(false);

            // A 200 can still carry an error written after the headers went out (its message may span lines).
            var start = body.StartsWith("Code: ", StringComparison.Ordinal) ? 0 : body.LastIndexOf("\nCode: ", StringComparison.Ordinal) + 1;
            if (ServerErrorParser.LooksLikeError(body.AsSpan(start)) && ServerErrorParser.TryParse(body[start..], null, scope.QueryId) is { } error)
            {
                throw error;
            }
        }
        catch (Exception ex) when (ex is not ClickHouseException)
        {
            throw await _transport.TranslateAsync(ex, scope).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Streams the rows of a query. Do not add a FORMAT clause. The timeout covers the whole enumeration.
    /// A server error raised mid-stream is detected and thrown as <see cref="ClickHouseServerException"/>.
    /// </summary>
    public async IAsyncEnumerable<ClickHouseRow> QueryRowsAsync(
        string sql,
        QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var scope = _transport.CreateScope(options, cancellationToken);
        HttpResponseMessage response;
        Stream stream;
        try
        {
            response = await _transport.SendAsync(sql, null, options, scope, ResultFormatParameter).ConfigureAwait(false);
            stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ClickHouseException)
        {
            throw await _transport.TranslateAsync(ex, scope).ConfigureAwait(false);
        }

        using (response)
        await using (stream.ConfigureAwait(false))
        {
            var reader = new TsvLineReader(stream);
            var names = await ReadLineAsync(reader, scope).ConfigureAwait(false);
            if (names is null)
            {
                yield break;
            }

            var types = await ReadLineAsync(reader, scope).ConfigureAwait(false);
            if (types is null)
            {
                throw TsvResult.TailError([names], scope);
            }

            var typeNames = TsvResult.SplitHeader(types);
            var zone = ResultSchema.NeedsServerTimeZone(typeNames)
                ? await ServerTimeZoneAsync(response, options, scope).ConfigureAwait(false)
                : TimeZoneInfo.Utc;
            var schema = new ResultSchema(TsvResult.SplitHeader(names), typeNames, zone);
            var columns = schema.Names.Length;
            var pending = new Queue<byte[]>();
            while (true)
            {
                var fromReader = pending.Count == 0;
                var line = fromReader ? await ReadLineAsync(reader, scope).ConfigureAwait(false) : pending.Dequeue();
                if (line is null)
                {
                    break;
                }

                if (fromReader && reader.LastLineUnterminated)
                {
                    throw TsvResult.TailError([line], scope);
                }

                if (TsvResult.MayStartError(line))
                {
                    // 18.x appends "Code: N, e.displayText() = ..." (possibly several lines) after the rows it sent;
                    // newer servers may frame it with __exception__. It is an error only if the response ends soon after.
                    var tail = new List<byte[]> { line };
                    tail.AddRange(pending);
                    pending.Clear();
                    var ended = false;
                    while (tail.Count < MaxErrorLines)
                    {
                        var more = await ReadLineAsync(reader, scope).ConfigureAwait(false);
                        if (more is null)
                        {
                            ended = true;
                            break;
                        }

                        tail.Add(more);
                    }

                    if (ended && TsvResult.TryTailError(tail, scope) is { } error)
                    {
                        throw error;
                    }

                    line = tail[0];
                    foreach (var later in tail.Skip(1))
                    {
                        pending.Enqueue(later);
                    }
                }

                yield return TsvResult.SplitRow(schema, line, columns, scope);
            }

            if (reader.LastLineUnterminated)
            {
                throw new ClickHouseConnectionException(
                    $"ClickHouse result ended in the middle of a row [query_id {scope.QueryId}]", scope.QueryId);
            }
        }
    }

    /// <summary>Streams rows mapped by <paramref name="map"/>.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(
        string sql,
        Func<ClickHouseRow, T> map,
        QueryOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        await foreach (var row in QueryRowsAsync(sql, options, cancellationToken).ConfigureAwait(false))
        {
            yield return map(row);
        }
    }

    /// <summary>The first column of the first row (see <see cref="ClickHouseRow.GetFieldValue{T}(int)"/> for types), or default when there are no rows.</summary>
    public async Task<T?> ExecuteScalarAsync<T>(string sql, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var row in QueryRowsAsync(sql, options, cancellationToken).ConfigureAwait(false))
        {
            // Leaving the loop disposes the response; the rest of the result is not read.
            return row.GetFieldValue<T>(0);
        }

        return default;
    }

    /// <summary>
    /// Inserts rows (one value per column, in <paramref name="columns"/> order) as RowBinary, streamed and split
    /// into requests of <see cref="ClickHouseOptions.InsertBatchSize"/> rows. Returns the number of rows inserted.
    /// Each request is one INSERT with its own timeout: if one fails, earlier batches stay inserted (at-least-once
    /// across batches; a failed batch inserts nothing as long as it is within the server's max_insert_block_size).
    /// </summary>
    public Task<long> InsertAsync(
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<object?[]> rows,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return InsertCoreAsync(table, columns, new SyncRowEnumerator(rows), options, cancellationToken);
    }

    /// <inheritdoc cref="InsertAsync(string, IReadOnlyList{string}, IEnumerable{object?[]}, QueryOptions?, CancellationToken)"/>
    public Task<long> InsertAsync(
        string table,
        IReadOnlyList<string> columns,
        IAsyncEnumerable<object?[]> rows,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return InsertCoreAsync(table, columns, rows.GetAsyncEnumerator(cancellationToken), options, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();

    private async Task<byte[]?> ReadLineAsync(TsvLineReader reader, QueryScope scope)
    {
        try
        {
            return await reader.ReadLineAsync(scope.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ClickHouseException)
        {
            throw await _transport.TranslateAsync(ex, scope).ConfigureAwait(false);
        }
    }

    private async Task<long> InsertCoreAsync(
        string table,
        IReadOnlyList<string> columns,
        IAsyncEnumerator<object?[]> rows,
        QueryOptions? options,
        CancellationToken cancellationToken)
    {
        await using var enumerator = rows.ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is required.", nameof(columns));
        }

        var database = options?.Database ?? Options.Database;
        var target = ClickHouseSql.Identifier(database, table);
        var encoders = await CreateEncodersAsync(target, columns, options, cancellationToken).ConfigureAwait(false);
        var sql = $"INSERT INTO {target} ({string.Join(", ", columns.Select(ClickHouseSql.Identifier))}) FORMAT RowBinary";
        var batchSize = options?.InsertBatchSize ?? Options.InsertBatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1, nameof(options));
        var gzip = options?.CompressRequest ?? Options.CompressRequests;

        long inserted = 0;
        var hasRow = await rows.MoveNextAsync().ConfigureAwait(false);
        while (hasRow)
        {
            using var scope = _transport.CreateScope(options, cancellationToken);
            using var content = new RowBinaryContent(rows, encoders, columns, batchSize, gzip, scope.Token);
            try
            {
                using var response = await _transport.SendAsync(sql, content, options, scope).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(scope.Token).ConfigureAwait(false);
            }
            catch (Exception) when (content.SourceFailure is not null)
            {
                // The caller's data was at fault, not the network: surface their exception as is.
                content.SourceFailure.Throw();
            }
            catch (Exception ex) when (ex is not ClickHouseException)
            {
                throw await _transport.TranslateAsync(ex, scope).ConfigureAwait(false);
            }

            inserted += content.RowCount;
            hasRow = content.HasMore;
        }

        return inserted;
    }

    private async Task<ColumnEncoder[]> CreateEncodersAsync(
        string target,
        IReadOnlyList<string> columns,
        QueryOptions? options,
        CancellationToken cancellationToken)
    {
        // DESCRIBE (not system.columns) so a missing table fails with the server's own UNKNOWN_TABLE error.
        var describe = new QueryOptions { Settings = options?.Settings, Timeout = options?.Timeout, Database = options?.Database };
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in QueryRowsAsync($"DESCRIBE TABLE {target}", describe, cancellationToken).ConfigureAwait(false))
        {
            types[row.GetString(0)] = row.GetString(1);
        }

        var encoders = new ColumnEncoder[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (!types.TryGetValue(columns[i], out var type))
            {
                throw new ArgumentException($"Table {target} has no column '{columns[i]}'.", nameof(columns));
            }

            encoders[i] = RowBinaryEncoders.Create(type);
        }

        return encoders;
    }

    private Task<TimeZoneInfo> ServerTimeZoneAsync(HttpResponseMessage response, QueryOptions? options, QueryScope scope)
    {
        // Newer servers name the zone in a header; a per-query "timezone" setting wins; 18.16 has to be asked once.
        if (response.Headers.TryGetValues("X-ClickHouse-Timezone", out var values) && values.FirstOrDefault() is { Length: > 0 } header)
        {
            return Task.FromResult(ResultSchema.ResolveZone(header));
        }

        if (options?.Settings?.TryGetValue("timezone", out var setting) == true || Options.Settings.TryGetValue("timezone", out setting))
        {
            return Task.FromResult(ResultSchema.ResolveZone(setting));
        }

        var cached = _serverTimeZone;
        if (cached is { IsCompletedSuccessfully: true })
        {
            return cached;
        }

        cached = FetchServerTimeZoneAsync(scope.Token);
        _serverTimeZone = cached;
        return cached;
    }

    private async Task<TimeZoneInfo> FetchServerTimeZoneAsync(CancellationToken cancellationToken)
    {
        await foreach (var row in QueryRowsAsync("SELECT timezone()", null, cancellationToken).ConfigureAwait(false))
        {
            return ResultSchema.ResolveZone(row.GetString(0));
        }

        return TimeZoneInfo.Utc;
    }
}
