using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Feed.Updater.Scheduling;

/// <summary>Checks <see cref="SchedulingOptions"/> at start-up; each message names the key and the bad value.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    private const string Prefix = SchedulingOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, value) in new (string, TimeSpan)[]
        {
            (nameof(options.ActiveInterval), options.ActiveInterval),
            (nameof(options.RecentInterval), options.RecentInterval),
            (nameof(options.QuietInterval), options.QuietInterval),
            (nameof(options.IdleInterval), options.IdleInterval),
            (nameof(options.MinInterval), options.MinInterval),
            (nameof(options.MaxInterval), options.MaxInterval),
            (nameof(options.MaxErrorBackoff), options.MaxErrorBackoff),
            (nameof(options.MaxServerHint), options.MaxServerHint),
            (nameof(options.DeadAfter), options.DeadAfter),
            (nameof(options.DeadInterval), options.DeadInterval),
            (nameof(options.LeaseDuration), options.LeaseDuration),
            (nameof(options.DispatchInterval), options.DispatchInterval),
            (nameof(options.HostDeferDelay), options.HostDeferDelay),
            (nameof(options.ReapInterval), options.ReapInterval),
            (nameof(options.ReconcileInterval), options.ReconcileInterval),
            (nameof(options.SweepInterval), options.SweepInterval),
            (nameof(options.HintDebounce), options.HintDebounce),
            (nameof(options.DrainTimeout), options.DrainTimeout),
        })
        {
            SettingRules.RequirePositive(failures, Prefix + key, value);
        }

        if (options.HostWait < TimeSpan.Zero)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.HostWait), options.HostWait, "expected zero or a positive duration"));
        }

        if (options.SweepStartDelay < TimeSpan.Zero)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.SweepStartDelay), options.SweepStartDelay, "expected zero or a positive duration"));
        }

        if (options.MinInterval > options.MaxInterval)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MinInterval), options.MinInterval, $"expected at most MaxInterval ({options.MaxInterval})"));
        }

        if (options.MinJitter < 0 || options.MinJitter > options.MaxJitter || options.MaxJitter >= 1)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MinJitter), $"{options.MinJitter}..{options.MaxJitter}", "expected 0 <= MinJitter <= MaxJitter < 1"));
        }

        RequireRange(failures, nameof(options.MaxBackoffExponent), options.MaxBackoffExponent, 0, 30);
        RequireRange(failures, nameof(options.DeadAfterErrors), options.DeadAfterErrors, 1, int.MaxValue);
        RequireRange(failures, nameof(options.MaxConcurrentPolls), options.MaxConcurrentPolls, 1, 100_000);
        RequireRange(failures, nameof(options.ClaimBatch), options.ClaimBatch, 1, 100_000);
        RequireRange(failures, nameof(options.MaxTrackedHosts), options.MaxTrackedHosts, 1, 10_000_000);
        RequireRange(failures, nameof(options.ReconcileChunk), options.ReconcileChunk, 1, 10_000_000);
        CheckLimit(failures, Prefix + "Host", options.HostConcurrency, options.HostRatePerSecond);
        foreach (var (host, limit) in options.HostOverrides)
        {
            CheckLimit(failures, $"{Prefix}HostOverrides:{host}:", limit.Concurrency, limit.RatePerSecond);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLimit(List<string> failures, string prefix, int concurrency, double rate)
    {
        if (concurrency < 1)
        {
            failures.Add(SettingRules.Describe(prefix + "Concurrency", concurrency, "expected at least 1"));
        }

        if (!(rate > 0) || double.IsInfinity(rate))
        {
            failures.Add(SettingRules.Describe(prefix + "RatePerSecond", rate, "expected a positive number of polls per second"));
        }
    }

    private static void RequireRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(SettingRules.Describe(Prefix + key, value, $"expected {min} to {max}"));
        }
    }
}
