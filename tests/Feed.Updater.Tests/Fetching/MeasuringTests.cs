namespace Feed.Updater.Tests.Fetching;

/// <summary>Tests that measure process-wide numbers (allocations) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuringTests
{
    public const string Name = "Fetching measurements";
}
