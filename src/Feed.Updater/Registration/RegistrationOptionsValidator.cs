using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Feed.Updater.Registration;

/// <summary>Checks <see cref="RegistrationOptions"/> at start-up; each message names the key and the bad value.</summary>
internal sealed class RegistrationOptionsValidator : IValidateOptions<RegistrationOptions>
{
    private const string Prefix = RegistrationOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, RegistrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ChangeLogMaxLength < 1000)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.ChangeLogMaxLength), options.ChangeLogMaxLength,
                "expected at least 1000, e.g. 1000000 (subscribers catch up from this log)"));
        }

        if (options.ImportBatchSize is < 1 or > 10_000)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.ImportBatchSize), options.ImportBatchSize,
                "expected 1 to 10000 (one batch runs as one Redis script and blocks Redis meanwhile)"));
        }

        if (options.ImportBatchesInFlight is < 1 or > 64)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.ImportBatchesInFlight), options.ImportBatchesInFlight, "expected 1 to 64"));
        }

        if (options.MaxReportedRejections is < 0 or > 100_000)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MaxReportedRejections), options.MaxReportedRejections, "expected 0 to 100000"));
        }

        if (options.MaxSequenceAttempts is < 1 or > 100)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MaxSequenceAttempts), options.MaxSequenceAttempts, "expected 1 to 100"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
