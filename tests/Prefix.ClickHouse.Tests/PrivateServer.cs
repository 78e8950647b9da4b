using System.Globalization;
using Prefix.Testing.Servers;

namespace Prefix.ClickHouse.Tests;

/// <summary>
/// A private clickhouse-server with a password user and a non-UTC time zone, which the shared server cannot
/// have. Built from the Prefix.Testing pieces because ClickHouseServer takes no extra configuration.
/// </summary>
public sealed class PrivateServer : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret 'pass\\word";
    public const string TimeZone = "Europe/Berlin";
    private readonly string _directory = Directory.CreateTempSubdirectory("prefix-clickhouse-private-").FullName;
    private ServerProcess? _process;

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
        var http = FreePort.Next();
        string P(int port) => port.ToString(CultureInfo.InvariantCulture);
        _process = ServerProcess.Start(ServerBinaries.Find("clickhouse-server"),
        [
            "--config-file=/etc/clickhouse-server/config.xml",
            "--",
            $"--path={_directory}/data/",
            $"--tmp_path={_directory}/tmp/",
            $"--user_files_path={_directory}/user_files/",
            $"--format_schema_path={_directory}/format_schemas/",
            $"--logger.log={_directory}/clickhouse.log",
            $"--logger.errorlog={_directory}/clickhouse.err.log",
            $"--users_config={users}",
            $"--timezone={TimeZone}",
            "--listen_host=127.0.0.1",
            $"--http_port={P(http)}",
            $"--tcp_port={P(FreePort.Next())}",
            $"--interserver_http_port={P(FreePort.Next())}",
        ], _directory);
        HttpUri = new Uri($"http://127.0.0.1:{P(http)}/");

        using var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = HttpUri, Timeout = TimeSpan.FromSeconds(2) });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await client.PingAsync();
                return;
            }
            catch (ClickHouseException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }

        return Task.CompletedTask;
    }
}
