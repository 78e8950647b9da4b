using Prefix.Testing.Servers;

namespace Prefix.ClickHouse.Tests;

/// <summary>A uniquely named database on the shared server, dropped at the end of the test.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(ClickHouseClient client, string name, Uri endpoint)
    {
        Client = client;
        Name = name;
        Endpoint = endpoint;
    }

    public ClickHouseClient Client { get; }

    public string Name { get; }

    public Uri Endpoint { get; }

    public static async Task<TestDatabase> CreateAsync(Action<ClickHouseOptions>? configure = null)
    {
        var endpoint = await SharedServers.ClickHouseUriAsync();
        var name = $"test_{Guid.NewGuid():N}";
        var options = new ClickHouseOptions { Endpoint = endpoint, Database = name };
        configure?.Invoke(options);
        var client = new ClickHouseClient(options);
        await client.ExecuteAsync($"CREATE DATABASE {ClickHouseSql.Identifier(name)}", new QueryOptions { Database = "default" });
        return new TestDatabase(client, name, endpoint);
    }

    /// <summary>A second client on the same database with other options.</summary>
    public ClickHouseClient NewClient(Action<ClickHouseOptions> configure)
    {
        var options = new ClickHouseOptions { Endpoint = Endpoint, Database = Name };
        configure(options);
        return new ClickHouseClient(options);
    }

    public async Task<long> CountAsync(string table) =>
        await Client.ExecuteScalarAsync<long>($"SELECT count() FROM {ClickHouseSql.Identifier(Name, table)}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(Name)}", new QueryOptions { Database = "default" });
        }
        finally
        {
            Client.Dispose();
        }
    }
}
