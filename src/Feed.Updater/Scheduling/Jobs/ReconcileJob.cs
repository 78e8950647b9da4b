using Quartz;

namespace Feed.Updater.Scheduling.Jobs;

/// <summary>Every <see cref="SchedulingOptions.ReconcileInterval"/>: reconcile one bounded chunk of the registry.</summary>
[DisallowConcurrentExecution]
internal sealed class ReconcileJob(QueueMaintenance maintenance) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await maintenance.ReconcileChunkAsync(cancellationToken).ConfigureAwait(false);
}
