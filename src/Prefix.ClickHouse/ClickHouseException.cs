namespace Prefix.ClickHouse;

/// <summary>Base of every error the client raises; carries the query id so it can be found in <c>system.query_log</c>.</summary>
public abstract class ClickHouseException : Exception
{
    protected ClickHouseException(string message, string? queryId, Exception? innerException)
        : base(message, innerException)
    {
        QueryId = queryId;
    }

    /// <summary>The query id sent to the server, or null for requests that have none (ping).</summary>
    public string? QueryId { get; }
}
