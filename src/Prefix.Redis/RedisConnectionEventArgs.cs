namespace Prefix.Redis;

/// <summary>A connection state change: which server, and why it failed (null when restored).</summary>
public sealed class RedisConnectionEventArgs(string endPoint, string? reason) : EventArgs
{
    public string EndPoint { get; } = endPoint;

    public string? Reason { get; } = reason;
}
