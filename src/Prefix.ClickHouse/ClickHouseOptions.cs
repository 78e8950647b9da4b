namespace Prefix.ClickHouse;

/// <summary>Connection settings for <see cref="ClickHouseClient"/> (the HTTP interface).</summary>
public sealed class ClickHouseOptions
{
    /// <summary>Base address of the HTTP interface, e.g. <c>http://127.0.0.1:8123/</c>.</summary>
    public Uri Endpoint { get; set; } = new("http://127.0.0.1:8123/");

    public string User { get; set; } = "default";

    public string? Password { get; set; }

    /// <summary>Database that unqualified table names resolve to.</summary>
    public string Database { get; set; } = "default";

    /// <summary>
    /// Default whole-query timeout (request, execution and reading the streamed result; for inserts, per batch).
    /// On expiry the client sends <c>KILL QUERY</c> for the query id.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Compress insert bodies (gzip, fastest level); worth it off loopback. When false the body is still
    /// gzip-framed but stored uncompressed, because the framing is what lets the server reject a cut-off batch.
    /// </summary>
    public bool CompressRequests { get; set; } = true;

    /// <summary>Rows per INSERT request; larger inputs are split into several requests.</summary>
    public int InsertBatchSize { get; set; } = 500_000;

    /// <summary>Server settings sent with every query (per-query settings override these).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
