namespace Prefix.Services.Tests.Auth;

/// <summary>A clock the test sets and advances, so rate-limit refills need no sleeping.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
