using Prefix.ClickHouse;
using Prefix.Testing;
using Prefix.Testing.Servers;

namespace Attribution.Api.Tests.Listens;

/// <summary>A ClickHouse database of this test class's own, with every migration applied; dropped afterwards.</summary>
public sealed class ListenDatabase : IAsyncLifetime, IDisposable
{
    private ClickHouseClient? _client;

    public string Name { get; } = "listens_it_" + Guid.NewGuid().ToString("N")[..12];

    public ClickHouseClient Client => _client ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        var endpoint = await SharedServers.ClickHouseUriAsync();
        using (var admin = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint }))
        {
            await ClickHouseMigrator.ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations"), Name);
        }

        _client = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint, Database = Name });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(Name)}");
        }
    }

    // xunit calls DisposeAsync (which still needs the client) before Dispose.
    public void Dispose() => _client?.Dispose();
}
