using Feed.Updater.Scheduling.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Feed.Updater.Scheduling;

/// <summary>Registers the scheduler: options, the due queue, host budgets, the dispatcher and its Quartz jobs.</summary>
internal static class SchedulingServices
{
    /// <summary>
    /// Binds and validates <c>Updater:Scheduling</c>, registers <see cref="NextCheckPolicy"/>, <see cref="DueQueue"/>,
    /// <see cref="HostBudget"/>, <see cref="FeedDispatcher"/> and <see cref="QueueMaintenance"/>, and — unless
    /// <see cref="SchedulingOptions.Enabled"/> is false — a Quartz scheduler running the four jobs. The caller
    /// registers the <see cref="IFeedPollHandler"/> and the Redis connection (<c>AddPrefixDefaults</c>).
    /// </summary>
    /// <remarks>
    /// Quartz 4.7's core package carries its own DI integration (<c>AddQuartz</c>, <c>AddQuartzHostedService</c>,
    /// jobs resolved from a DI scope per firing), so no separate hosting package is needed. The scheduler uses
    /// the in-memory store (the jobs are ticks, the schedule itself is in Redis), a 4-thread pool and a name
    /// unique to the process, and the host waits for running jobs on shutdown.
    /// </remarks>
    public static IServiceCollection AddFeedScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SchedulingMetrics>();
        services.AddSingleton(sp => new NextCheckPolicy(sp.GetRequiredService<IOptions<SchedulingOptions>>(), Random.Shared));
        services.AddSingleton<DueQueue>();
        services.AddSingleton<HostBudget>();
        services.AddSingleton<FeedDispatcher>();
        services.AddSingleton<QueueMaintenance>();

        if (!(section.GetValue<bool?>(nameof(SchedulingOptions.Enabled)) ?? true))
        {
            return services;
        }

        services.AddHostedService<DispatcherShutdown>();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(o => o.InstanceName = "feed-updater-" + Guid.NewGuid().ToString("N")[..8]);
            quartz.UseDefaultThreadPool(4);
            quartz.UseInMemoryStore(_ => { });
            Every<DispatchDueFeedsJob>(quartz, "dispatch", o => o.DispatchInterval, _ => TimeSpan.Zero);
            Every<ReapLeasesJob>(quartz, "reap-leases", o => o.ReapInterval, o => o.ReapInterval);
            Every<ReconcileJob>(quartz, "reconcile", o => o.ReconcileInterval, o => o.ReconcileInterval);
            Every<DailySweepJob>(quartz, "daily-sweep", o => o.SweepInterval, o => o.SweepStartDelay);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void Every<TJob>(
        IQuartzBuilder quartz, string name, Func<SchedulingOptions, TimeSpan> interval, Func<SchedulingOptions, TimeSpan> firstAfter)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            (sp, trigger) =>
            {
                var options = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
                var time = sp.GetRequiredService<TimeProvider>();

                // A tick that was missed (a long GC, a slow Redis) is skipped, not replayed in a burst, and a
                // failed run is not retried: the next tick is the retry.
                trigger.WithIdentity(name)
                    .WithRetryPolicy(RetryPolicy.None)
                    .StartAt(time.GetUtcNow() + firstAfter(options))
                    .WithSimpleSchedule(s => s.WithInterval(interval(options)).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
            },
            (_, job) => job.WithIdentity(name).DisallowConcurrentExecution(true));
}
