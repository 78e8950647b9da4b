namespace Prefix.Hosting.Configuration;

/// <summary>Where the service finds ClickHouse. Bound from the <c>ClickHouse</c> section (env: <c>ClickHouse__Url</c>, …).</summary>
public sealed class ClickHouseSettings
{
    public const string Section = "ClickHouse";

    /// <summary>Base URL of the HTTP interface. Default <c>http://127.0.0.1:8123/</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8123/";

    /// <summary>User name. Default <c>default</c>.</summary>
    public string User { get; set; } = "default";

    /// <summary>Password. Default empty.</summary>
    public string? Password { get; set; }

    /// <summary>Database holding Prefix's tables. Default <c>prefix</c>.</summary>
    public string Database { get; set; } = "prefix";

    /// <summary>Timeout of one query. Default 30 s.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
