namespace Prefix.Core.Hits;

/// <summary>Hit ids: UUIDv7 (RFC 9562 §5.7), so ids sort by time and a replay carries the same id.</summary>
public static class HitIds
{
    public static Guid New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Guid.CreateVersion7(time.GetUtcNow());
    }
}
