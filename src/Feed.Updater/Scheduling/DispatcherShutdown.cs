namespace Feed.Updater.Scheduling;

/// <summary>
/// Drains the dispatcher when the host stops. Registered before Quartz's hosted service, so it stops after
/// it (hosts stop services in reverse order): no dispatch can start while the running polls drain.
/// </summary>
internal sealed class DispatcherShutdown(FeedDispatcher dispatcher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => dispatcher.StopAsync(cancellationToken);
}
