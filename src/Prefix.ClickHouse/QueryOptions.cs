namespace Prefix.ClickHouse;

/// <summary>Per-query overrides; anything left null falls back to <see cref="ClickHouseOptions"/>.</summary>
public sealed class QueryOptions
{
    /// <summary>The server's query id; a random one is generated when null.</summary>
    public string? QueryId { get; init; }

    /// <summary>Server settings for this query only, e.g. <c>max_result_rows</c>.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    public TimeSpan? Timeout { get; init; }

    public string? Database { get; init; }

    /// <summary>Rows per INSERT request for this insert.</summary>
    public int? InsertBatchSize { get; init; }

    /// <summary>Overrides <see cref="ClickHouseOptions.CompressRequests"/> for this insert.</summary>
    public bool? CompressRequest { get; init; }
}
