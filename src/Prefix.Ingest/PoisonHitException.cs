namespace Prefix.Ingest;

/// <summary>A stream entry that can never become a row; it is parked with this reason.</summary>
public sealed class PoisonHitException(string reason) : Exception(reason)
{
    public PoisonHitException()
        : this("unreadable hit")
    {
    }

    public PoisonHitException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
