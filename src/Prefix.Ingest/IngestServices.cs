using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prefix.Hosting.Configuration;

namespace Prefix.Ingest;

/// <summary>Registers the hit ingest in a service (Attribution.Api hosts it; see docs/INGEST.md).</summary>
public static class IngestServices
{
    public static IServiceCollection AddHitIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<HitIngestMapperFactory>();
        services.AddHostedService<HitIngestWorker>();
        return services;
    }
}

/// <summary>Start-up checks of <see cref="IngestOptions"/>; messages name the key and the bad value.</summary>
internal sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.BatchSize is < 1 or > 1_000_000)
        {
            failures.Add(SettingRules.Describe("Ingest:BatchSize", options.BatchSize, "expected 1 to 1000000"));
        }

        var regexes = Path.Combine(options.DataDirectory, "uap-core", "regexes.yaml");
        if (!File.Exists(regexes))
        {
            failures.Add(SettingRules.Describe("Ingest:DataDirectory", options.DataDirectory, $"{regexes} does not exist (./prefix up installs the data packages into .prefix/data)"));
        }

        if (!SettingRules.IsPlainName(options.Table))
        {
            failures.Add(SettingRules.Describe("Ingest:Table", options.Table, "expected letters, digits and _ only"));
        }

        SettingRules.RequirePositive(failures, "Ingest:ClaimIdle", options.ClaimIdle);
        SettingRules.RequirePositive(failures, "Ingest:Block", options.Block);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
