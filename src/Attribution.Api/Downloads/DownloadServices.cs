using Microsoft.Extensions.DependencyInjection.Extensions;
using Prefix.Core.Episodes;

namespace Attribution.Api.Downloads;

/// <summary>Registers the counting endpoints' services.</summary>
internal static class DownloadServices
{
    public static IServiceCollection AddDownloads(this IServiceCollection services, IConfiguration configuration)
    {
        // Enclosure URLs normalize exactly as the ingest normalizes hit URLs (its own prefix hosts included).
        var ownHosts = configuration.GetSection("Ingest:OwnPrefixHosts").Get<string[]>() ?? [];
        services.TryAddSingleton(new EpisodeKeyNormalizer(ownHosts));
        services.AddSingleton<HitReader>();
        services.AddSingleton<EpisodeCatalog>();
        services.AddSingleton<DownloadCounter>();
        return services;
    }
}
