using System.Globalization;

namespace Prefix.Testing.Servers;

/// <summary>
/// A disposable clickhouse-server (Debian's 18.16 or newer) with every port free and every path
/// under a temp directory, so several can run beside a developer's own stack.
/// </summary>
public sealed class ClickHouseServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string _directory;
    private readonly IReadOnlyList<string> _extraSettings;
    private ServerProcess? _process;

    private ClickHouseServer(string directory, IReadOnlyList<string> extraSettings)
    {
        _directory = directory;
        _extraSettings = extraSettings;
        HttpPort = FreePort.Next();
        TcpPort = FreePort.Next();
        InterserverPort = FreePort.Next();
    }

    public int HttpPort { get; }

    public int TcpPort { get; }

    public int InterserverPort { get; }

    /// <summary>The HTTP interface base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort}/");

    public static Task<ClickHouseServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync([], cancellationToken);

    /// <summary>Starts a server with extra settings on its command line, e.g. <c>--users_config=…</c> or <c>--timezone=…</c>.</summary>
    public static async Task<ClickHouseServer> StartAsync(IReadOnlyList<string> extraSettings, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("prefix-clickhouse-").FullName;
        var server = new ClickHouseServer(directory, extraSettings);
        await server.RestartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        string P(int port) => port.ToString(CultureInfo.InvariantCulture);
        var arguments = new[]
        {
            "--config-file=/etc/clickhouse-server/config.xml",
            "--",
            $"--path={_directory}/data/",
            $"--tmp_path={_directory}/tmp/",
            $"--user_files_path={_directory}/user_files/",
            $"--format_schema_path={_directory}/format_schemas/",
            $"--logger.log={_directory}/clickhouse.log",
            $"--logger.errorlog={_directory}/clickhouse.err.log",
            "--listen_host=127.0.0.1",
            $"--http_port={P(HttpPort)}",
            $"--tcp_port={P(TcpPort)}",
            $"--interserver_http_port={P(InterserverPort)}",
        }.Concat(_extraSettings);
        _process = ServerProcess.Start(ServerBinaries.Find("clickhouse-server"), arguments, _directory);
        await WaitForPingAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitForPingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"clickhouse-server exited at start:\n{_process?.Output}\n{ReadErrorLog()}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(HttpUri, "ping"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Ping timed out while the server loads; try again.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"clickhouse-server did not answer /ping within 60 s:\n{ReadErrorLog()}");
    }

    private string ReadErrorLog()
    {
        var path = Path.Combine(_directory, "clickhouse.err.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }
}
