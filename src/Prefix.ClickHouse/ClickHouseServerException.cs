namespace Prefix.ClickHouse;

/// <summary>The server rejected or aborted the query (<c>Code: N ... DB::Exception: ...</c>).</summary>
public sealed class ClickHouseServerException : ClickHouseException
{
    public ClickHouseServerException(int code, string? name, string serverMessage, string? queryId, Exception? innerException = null)
        : base(Describe(code, name, serverMessage, queryId), queryId, innerException)
    {
        Code = code;
        Name = name;
        ServerMessage = serverMessage;
    }

    /// <summary>ClickHouse error code, e.g. 62 for a syntax error, 60 for an unknown table.</summary>
    public int Code { get; }

    /// <summary>Symbolic name such as <c>SYNTAX_ERROR</c> when the server sent it or the code is well known.</summary>
    public string? Name { get; }

    /// <summary>The server's message without the <c>Code:</c>/<c>DB::Exception</c> decoration.</summary>
    public string ServerMessage { get; }

    private static string Describe(int code, string? name, string message, string? queryId) =>
        $"ClickHouse error {code}{(name is null ? string.Empty : $" ({name})")}: {message}{(queryId is null ? string.Empty : $" [query_id {queryId}]")}";
}
