using Prefix.Testing.Servers;

namespace Prefix.ClickHouse.Tests;

/// <summary>
/// A private clickhouse-server with a password user and a non-UTC time zone, which the shared server cannot
/// have: the users file is ours, the rest is Prefix.Testing's ClickHouseServer.
/// </summary>
public sealed class PrivateServer : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret 'pass\\word";
    public const string TimeZone = "Europe/Berlin";
    private readonly string _directory = Directory.CreateTempSubdirectory("prefix-clickhouse-private-").FullName;
    private ClickHouseServer? _server;

    public Uri HttpUri { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var users = Path.Combine(_directory, "users.xml");
        var password = System.Security.SecurityElement.Escape(Password);
        await File.WriteAllTextAsync(users, $"""
            <yandex>
              <profiles><default></default></profiles>
              <quotas><default></default></quotas>
              <users>
                <default><password></password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></default>
                <{User}><password>{password}</password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></{User}>
              </users>
            </yandex>
            """);
        _server = await ClickHouseServer.StartAsync([$"--users_config={users}", $"--timezone={TimeZone}"]);
        HttpUri = _server.HttpUri;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
