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

        // The edge's own settings; the other services ignore them.
        ["Identity__Secret"] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        ["Edge__DataDirectory"] = Prefix.Testing.RepositoryPaths.DataDirectory,
        ["Ingest__DataDirectory"] = Prefix.Testing.RepositoryPaths.DataDirectory,
        ["HitLog__Directory"] = Path.Combine(Path.GetTempPath(), "prefix-hitlog-" + Guid.NewGuid().ToString("N")),
    };
}
