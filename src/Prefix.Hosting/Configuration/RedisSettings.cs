namespace Prefix.Hosting.Configuration;

/// <summary>Where the service finds Redis. Bound from the <c>Redis</c> section (env: <c>Redis__EndPoint</c>, …).</summary>
public sealed class RedisSettings
{
    public const string Section = "Redis";

    /// <summary>host:port of the Redis server. Default <c>127.0.0.1:6379</c>.</summary>
    public string EndPoint { get; set; } = "127.0.0.1:6379";

    /// <summary>Password for AUTH, if the server requires one. Default none.</summary>
    public string? Password { get; set; }

    /// <summary>Logical database for SELECT. Default 0.</summary>
    public int Database { get; set; }

    /// <summary>How long one command may take before it fails. Default 5 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening the connection may take. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
