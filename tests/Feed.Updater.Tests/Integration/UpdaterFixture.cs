namespace Feed.Updater.Tests.Integration;

/// <summary>One updater process for a test class whose tests each use their own feeds (distinct paths and ids).</summary>
public sealed class UpdaterFixture : IAsyncLifetime
{
    internal UpdaterUnderTest Updater { get; private set; } = null!;

    public async Task InitializeAsync() => Updater = await UpdaterUnderTest.StartAsync();

    public async Task DisposeAsync() => await Updater.DisposeAsync();
}
