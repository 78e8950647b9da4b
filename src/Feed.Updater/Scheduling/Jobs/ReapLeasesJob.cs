using Quartz;

namespace Feed.Updater.Scheduling.Jobs;

/// <summary>Every <see cref="SchedulingOptions.ReapInterval"/>: put expired leases back into the due set.</summary>
[DisallowConcurrentExecution]
internal sealed class ReapLeasesJob(QueueMaintenance maintenance) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await maintenance.ReapAsync(cancellationToken).ConfigureAwait(false);
}
