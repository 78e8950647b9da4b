using Quartz;

namespace Feed.Updater.Scheduling.Jobs;

/// <summary>Every <see cref="SchedulingOptions.SweepInterval"/>, first shortly after start: a full reconcile pass (see <see cref="QueueMaintenance.SweepAsync"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class DailySweepJob(QueueMaintenance maintenance) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await maintenance.SweepAsync(cancellationToken).ConfigureAwait(false);
}
