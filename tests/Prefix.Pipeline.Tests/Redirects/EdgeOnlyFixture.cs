using Prefix.Testing.Pipeline;

namespace Prefix.Pipeline.Tests.Redirects;

/// <summary>One real edge (private Redis, no ingest) shared by the HTTP-level tests of a class.</summary>
public sealed class EdgeOnlyFixture : IAsyncLifetime
{
    private LocalPipeline? _stack;

    public int Port => Stack.EdgePort;

    internal LocalPipeline Stack => _stack ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _stack = await LocalPipeline.StartAsync(new LocalPipelineOptions { WithIngest = false });

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
