using System.Net.Sockets;

namespace Prefix.Testing.Servers;

/// <summary>
/// A disposable redis-server on a free loopback port with its data in a temp directory.
/// It can be killed and restarted on the same port, which is what reconnect tests need.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string? _password;
    private ServerProcess? _process;

    private RedisServer(int port, string directory, string? password)
    {
        Port = port;
        _directory = directory;
        _password = password;
    }

    public int Port { get; }

    /// <summary>host:port, the form the Redis client options take.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync(string? password = null, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("prefix-redis-").FullName;
        var server = new RedisServer(FreePort.Next(), directory, password);
        await server.RestartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the server again on the same port after <see cref="Kill"/>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", _directory,
            "--save", string.Empty,
            "--appendonly", "no",
            "--daemonize", "no",
        };
        if (_password is not null)
        {
            arguments.Add("--requirepass");
            arguments.Add(_password);
        }

        _process = ServerProcess.Start(ServerBinaries.Find("redis-server"), arguments, _directory);
        await WaitForPortAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL, like a crash.</summary>
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

        return ValueTask.CompletedTask;
    }

    private async Task WaitForPortAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start:\n{_process?.Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port} within 15 s:\n{_process?.Output}");
    }
}
