namespace Prefix.Services.Tests;

/// <summary>Environment settings pointing a service at given Redis and ClickHouse servers.</summary>
internal static class ServiceSettings
{
    public static Dictionary<string, string> For(string redisEndpoint, Uri clickHouse) => new()
    {
        ["Redis__EndPoint"] = redisEndpoint,
        ["Redis__CommandTimeout"] = "00:00:01",
        ["Redis__ConnectTimeout"] = "00:00:01",
        ["ClickHouse__Url"] = clickHouse.ToString(),
        ["ClickHouse__Database"] = "default",
    };
}
