namespace Prefix.Redis.Protocol;

/// <summary>The byte stream is not valid RESP; the connection is unusable and gets dropped.</summary>
internal sealed class RedisProtocolException : Exception
{
    public RedisProtocolException()
    {
    }

    public RedisProtocolException(string message)
        : base(message)
    {
    }

    public RedisProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
