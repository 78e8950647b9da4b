namespace Prefix.Testing.Pipeline;

/// <summary>Which parts a <see cref="LocalPipeline"/> starts.</summary>
public sealed class LocalPipelineOptions
{
    /// <summary>A ClickHouse of the stack's own, which the test may kill and restart. Default false: the shared one.</summary>
    public bool PrivateClickHouse { get; init; }

    /// <summary>Migrations and the API process with the ingest. Default true; false starts the edge alone.</summary>
    public bool WithIngest { get; init; } = true;
}
