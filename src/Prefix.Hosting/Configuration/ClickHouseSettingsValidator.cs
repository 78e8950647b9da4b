using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Configuration;

/// <summary>Checks <see cref="ClickHouseSettings"/> at start-up; each message names the key and the bad value.</summary>
internal sealed class ClickHouseSettingsValidator : IValidateOptions<ClickHouseSettings>
{
    public ValidateOptionsResult Validate(string? name, ClickHouseSettings options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add(SettingRules.Describe("ClickHouse:Url", options.Url, "expected an http(s) URL, e.g. http://127.0.0.1:8123/"));
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            failures.Add(SettingRules.Describe("ClickHouse:User", options.User, "expected a user name"));
        }

        if (!SettingRules.IsPlainName(options.Database))
        {
            failures.Add(SettingRules.Describe("ClickHouse:Database", options.Database, "expected letters, digits and _ only"));
        }

        SettingRules.RequirePositive(failures, "ClickHouse:QueryTimeout", options.QueryTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
