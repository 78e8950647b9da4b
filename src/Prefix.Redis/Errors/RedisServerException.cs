namespace Prefix.Redis;

/// <summary>
/// The server answered a command with an error reply. <see cref="Prefix"/> is the error code the
/// server put first (ERR, WRONGTYPE, NOGROUP, BUSYGROUP, NOSCRIPT, ...), which is what callers branch on.
/// </summary>
public sealed class RedisServerException : RedisException
{
    public RedisServerException()
        : this(string.Empty, string.Empty)
    {
    }

    public RedisServerException(string message)
        : this(message, string.Empty)
    {
    }

    public RedisServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = message;
        Prefix = ParsePrefix(message);
        Command = string.Empty;
    }

    public RedisServerException(string serverMessage, string command)
        : base(command.Length == 0 ? serverMessage : $"{serverMessage} (command {command})")
    {
        ServerMessage = serverMessage;
        Prefix = ParsePrefix(serverMessage);
        Command = command;
    }

    /// <summary>The error code, e.g. "WRONGTYPE"; "ERR" for generic errors.</summary>
    public string Prefix { get; }

    /// <summary>The full error text the server sent, prefix included.</summary>
    public string ServerMessage { get; }

    /// <summary>The command that failed, e.g. "HGET".</summary>
    public string Command { get; }

    private static string ParsePrefix(string message)
    {
        var end = message.IndexOf(' ', StringComparison.Ordinal);
        var first = end < 0 ? message : message[..end];
        // Redis error codes are upper-case words; anything else means the server sent no code.
        return first.Length > 0 && first.All(c => char.IsAsciiLetterUpper(c) || c == '_') ? first : "ERR";
    }
}
