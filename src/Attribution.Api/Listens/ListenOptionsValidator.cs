using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Attribution.Api.Listens;

/// <summary>Start-up checks of <see cref="ListenOptions"/>; messages name the key and the bad value.</summary>
internal sealed class ListenOptionsValidator : IValidateOptions<ListenOptions>
{
    public ValidateOptionsResult Validate(string? name, ListenOptions options)
    {
        var failures = new List<string>();
        if (options.MaxEventsPerBatch is < 1 or > 1_000_000)
        {
            failures.Add(SettingRules.Describe("Listens:MaxEventsPerBatch", options.MaxEventsPerBatch, "expected 1 to 1000000"));
        }

        SettingRules.RequirePositive(failures, "Listens:LateArrivalWindow", options.LateArrivalWindow);
        if (options.FutureTolerance < TimeSpan.Zero)
        {
            failures.Add(SettingRules.Describe("Listens:FutureTolerance", options.FutureTolerance, "expected zero or a positive duration"));
        }

        RequireNonNegative(failures, "Listens:ListenThresholdSec", options.ListenThresholdSec);
        RequireNonNegative(failures, "Listens:ClockTolerance", options.ClockTolerance);
        RequireNonNegative(failures, "Listens:ClockToleranceSec", options.ClockToleranceSec);
        RequireNonNegative(failures, "Listens:DurationTolerance", options.DurationTolerance);
        RequireNonNegative(failures, "Listens:DurationToleranceSec", options.DurationToleranceSec);
        if (options.MaxEventsPerDeviceHour < 1)
        {
            failures.Add(SettingRules.Describe("Listens:MaxEventsPerDeviceHour", options.MaxEventsPerDeviceHour, "expected at least 1"));
        }

        if (!SettingRules.IsPlainName(options.Table))
        {
            failures.Add(SettingRules.Describe("Listens:Table", options.Table, "expected letters, digits and _ only"));
        }

        if (!SettingRules.IsPlainName(options.EpisodesTable))
        {
            failures.Add(SettingRules.Describe("Listens:EpisodesTable", options.EpisodesTable, "expected letters, digits and _ only"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireNonNegative(List<string> failures, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            failures.Add(SettingRules.Describe(key, value, "expected a finite number of at least 0"));
        }
    }
}
