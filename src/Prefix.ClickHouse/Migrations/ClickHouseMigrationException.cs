namespace Prefix.ClickHouse;

/// <summary>The migrations cannot be applied as they are (edited after applying, misnamed, or the lock is held).</summary>
public sealed class ClickHouseMigrationException : Exception
{
    public ClickHouseMigrationException()
    {
    }

    public ClickHouseMigrationException(string message)
        : base(message)
    {
    }

    public ClickHouseMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
