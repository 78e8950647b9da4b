namespace Prefix.ClickHouse;

/// <summary>The server could not be reached, or the connection failed or returned something that is not ClickHouse.</summary>
public sealed class ClickHouseConnectionException : ClickHouseException
{
    public ClickHouseConnectionException(string message, string? queryId, Exception? innerException = null)
        : base(message, queryId, innerException)
    {
    }
}
