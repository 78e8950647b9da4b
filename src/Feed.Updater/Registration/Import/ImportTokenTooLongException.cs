namespace Feed.Updater.Registration.Import;

/// <summary>Thrown by <see cref="TokenLimitStream"/> through XmlReader, and caught by the OPML reader.</summary>
internal sealed class ImportTokenTooLongException(int limit)
    : IOException($"An OPML element or text is longer than {limit / 1024:N0} KB.")
{
    public int Limit { get; } = limit;
}
