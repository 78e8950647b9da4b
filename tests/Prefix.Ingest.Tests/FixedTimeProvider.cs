namespace Prefix.Ingest.Tests;

/// <summary>A clock that always says the same instant, so mapped rows have a known <c>ingested_at</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
