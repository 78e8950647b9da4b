using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Configuration;

/// <summary>Checks <see cref="RedisSettings"/> at start-up; each message names the key and the bad value.</summary>
internal sealed class RedisSettingsValidator : IValidateOptions<RedisSettings>
{
    public ValidateOptionsResult Validate(string? name, RedisSettings options)
    {
        var failures = new List<string>();
        if (!SettingRules.IsHostPort(options.EndPoint))
        {
            failures.Add(SettingRules.Describe("Redis:EndPoint", options.EndPoint, "expected host:port, e.g. 127.0.0.1:6379"));
        }

        if (options.Database is < 0 or > 15)
        {
            failures.Add(SettingRules.Describe("Redis:Database", options.Database, "expected 0 to 15"));
        }

        SettingRules.RequirePositive(failures, "Redis:CommandTimeout", options.CommandTimeout);
        SettingRules.RequirePositive(failures, "Redis:ConnectTimeout", options.ConnectTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
