using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prefix.Core.Privacy;
using Prefix.Geo;
using Prefix.Hosting.Configuration;

namespace Attribution.Api.Import;

/// <summary>Registers the hit import: its settings, the identity secret shared with the edge, geo data and the importer.</summary>
internal static class HitImportServices
{
    public static IServiceCollection AddHitImport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HitImportOptions>()
            .Bind(configuration.GetSection(HitImportOptions.Section))
            .PostConfigure(o => o.DataDirectory ??= configuration["Ingest:DataDirectory"] ?? "data/node_modules")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HitImportOptions>, HitImportOptionsValidator>();

        // The edge's Identity section and check: the same secret makes the same keys (COUNTING.md "Hit import format").
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<IOptions<IdentityOptions>>().Value;
            return new ListenerKeyHasher(identity.KeyId, identity.ResolveSecret() ?? throw new InvalidOperationException("Identity configuration: no usable secret."));
        });
        services.TryAddSingleton(sp => GeoLookup.Open(GeoOptions.FromDataDirectory(sp.GetRequiredService<IOptions<HitImportOptions>>().Value.DataDirectory!)));
        services.TryAddSingleton<ClientAddressEnricher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HitImportMetrics>();
        services.AddSingleton<ImportedHitMapper>();
        services.AddSingleton<HitImporter>();
        return services;
    }
}
