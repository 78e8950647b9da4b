namespace Prefix.Feeds.Changes;

/// <summary>Stored fingerprint bytes that are not a fingerprint this version can read (garbage, truncated, unknown version).</summary>
public sealed class FeedFingerprintFormatException : FormatException
{
    public FeedFingerprintFormatException()
    {
    }

    public FeedFingerprintFormatException(string message)
        : base(message)
    {
    }

    public FeedFingerprintFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
