namespace Prefix.Redis;

/// <summary>Base of every error this client raises, so callers can catch Redis failures as one kind.</summary>
public class RedisException : Exception
{
    public RedisException()
    {
    }

    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
