using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Feed.Updater.Fetching;

/// <summary>Checks <see cref="FetcherOptions"/> at start-up; each message names the key and the bad value.</summary>
internal sealed class FetcherOptionsValidator : IValidateOptions<FetcherOptions>
{
    private const string P = FetcherOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, FetcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxDecodedBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add(SettingRules.Describe(P + nameof(options.MaxDecodedBytes), options.MaxDecodedBytes, "expected 1024 to 1073741824 bytes, e.g. 31457280 (30 MB)"));
        }

        SettingRules.RequirePositive(failures, P + nameof(options.Deadline), options.Deadline);
        SettingRules.RequirePositive(failures, P + nameof(options.ConnectTimeout), options.ConnectTimeout);
        SettingRules.RequirePositive(failures, P + nameof(options.PooledConnectionLifetime), options.PooledConnectionLifetime);
        SettingRules.RequirePositive(failures, P + nameof(options.PooledConnectionIdleTimeout), options.PooledConnectionIdleTimeout);
        SettingRules.RequirePositive(failures, P + nameof(options.ProbeDeadline), options.ProbeDeadline);
        if (options.ConnectTimeout > options.Deadline)
        {
            failures.Add(SettingRules.Describe(P + nameof(options.ConnectTimeout), options.ConnectTimeout, $"expected at most the Deadline ({options.Deadline})"));
        }

        if (options.MaxRedirects is < 0 or > 20)
        {
            failures.Add(SettingRules.Describe(P + nameof(options.MaxRedirects), options.MaxRedirects, "expected 0 to 20"));
        }

        if (options.ProbeMaxRedirects is < 0 or > 20)
        {
            failures.Add(SettingRules.Describe(P + nameof(options.ProbeMaxRedirects), options.ProbeMaxRedirects, "expected 0 to 20"));
        }

        if (options.MaxConnectionsPerServer is < 1 or > 1024)
        {
            failures.Add(SettingRules.Describe(P + nameof(options.MaxConnectionsPerServer), options.MaxConnectionsPerServer, "expected 1 to 1024"));
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent) || options.UserAgent.Any(c => c < 0x20 || c >= 0x7f))
        {
            failures.Add(SettingRules.Describe(P + nameof(options.UserAgent), options.UserAgent, "expected printable ASCII with a contact URL, e.g. MyUpdater/1.0 (+https://example.org/bot)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
