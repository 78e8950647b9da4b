namespace Prefix.ClickHouse;

/// <summary>
/// The query ran past its timeout. The client has already asked the server to
/// <c>KILL QUERY</c> it (best effort), so it should not keep running there.
/// </summary>
public sealed class ClickHouseTimeoutException : ClickHouseException
{
    public ClickHouseTimeoutException(TimeSpan timeout, string? queryId, Exception? innerException = null)
        : base($"ClickHouse query timed out after {timeout.TotalSeconds:0.###} s{(queryId is null ? string.Empty : $" [query_id {queryId}]")}", queryId, innerException)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}
