namespace Feed.Updater.Tests.Fetching;

/// <summary>A clock that reads a fixed "now"; timers and timestamps stay real (the tests' deadlines run on real sockets).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
