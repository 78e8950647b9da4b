using System.Globalization;

namespace Prefix.Testing.Servers;

/// <summary>
/// One of our executables (edge, updater, api) started as a real process on a free loopback port,
/// the way ./prefix up starts it, so tests see real Kestrel, real configuration binding and real exit codes.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ServerProcess _process;

    private ServiceHost(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public string Output => _process.Output;

    /// <summary>The operating system's id of the service process.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the project's built DLL with the given settings (environment variables, e.g. Redis__EndPoint).</summary>
    public static ServiceHost Start(string project, IReadOnlyDictionary<string, string> settings) =>
        Start(project, settings, FreePort.Next());

    /// <summary>Starts the project on a given port, e.g. the port of an instance that was just killed.</summary>
    public static ServiceHost Start(string project, IReadOnlyDictionary<string, string> settings, int port)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = new List<string> { RepositoryPaths.ExecutableDll(project), "--urls", $"http://127.0.0.1:{port}" };
        var process = ServerProcess.Start("dotnet", arguments, Path.GetDirectoryName(RepositoryPaths.ExecutableDll(project))!, settings);
        return new ServiceHost(process, port);
    }

    /// <summary>Waits until /healthz answers 200.</summary>
    public async Task WaitHealthyAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"service exited at start:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUri, "healthz"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"service did not become healthy within 30 s:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself (e.g. refusing a bad setting) and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>SIGKILL, like a crash: no shutdown handlers run, nothing is flushed.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
