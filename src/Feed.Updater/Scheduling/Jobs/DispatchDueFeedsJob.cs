using Prefix.Redis;
using Quartz;

namespace Feed.Updater.Scheduling.Jobs;

/// <summary>Every <see cref="SchedulingOptions.DispatchInterval"/>: claim due feeds and start their polls.</summary>
[DisallowConcurrentExecution]
internal sealed class DispatchDueFeedsJob(FeedDispatcher dispatcher, ILogger<DispatchDueFeedsJob> logger) : IJob
{
    private static long s_lastWarningTicks;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await dispatcher.DispatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            // Redis away: the next tick retries. Say so at most every 10 s instead of a stack trace 4 times a second.
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref s_lastWarningTicks) > 10_000)
            {
                Interlocked.Exchange(ref s_lastWarningTicks, now);
                logger.DispatchPaused(e.Message);
            }
        }
    }
}
