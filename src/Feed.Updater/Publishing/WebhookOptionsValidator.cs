using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Feed.Updater.Publishing;

/// <summary>Start-up checks of <see cref="WebhookOptions"/>; each message names the key and the bad value.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private const string Prefix = WebhookOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        SettingRules.RequirePositive(failures, Prefix + nameof(options.RefreshInterval), options.RefreshInterval);
        SettingRules.RequirePositive(failures, Prefix + nameof(options.PollInterval), options.PollInterval);
        SettingRules.RequirePositive(failures, Prefix + nameof(options.DeliveryTimeout), options.DeliveryTimeout);
        SettingRules.RequirePositive(failures, Prefix + nameof(options.ConnectTimeout), options.ConnectTimeout);
        SettingRules.RequirePositive(failures, Prefix + nameof(options.InitialBackoff), options.InitialBackoff);
        SettingRules.RequirePositive(failures, Prefix + nameof(options.LockTtl), options.LockTtl);
        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MaxBackoff), options.MaxBackoff, "expected at least " + Prefix + nameof(options.InitialBackoff)));
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.BatchSize), options.BatchSize, "expected 1 to 1000"));
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MaxAttempts), options.MaxAttempts, "expected 1 to 100"));
        }

        if (options.MaxSubscriptions is < 1 or > 10_000)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.MaxSubscriptions), options.MaxSubscriptions, "expected 1 to 10000"));
        }

        if (options.DeadLetterMaxLength < 1)
        {
            failures.Add(SettingRules.Describe(Prefix + nameof(options.DeadLetterMaxLength), options.DeadLetterMaxLength, "expected at least 1"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
