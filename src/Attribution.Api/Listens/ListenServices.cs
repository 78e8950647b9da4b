using Microsoft.Extensions.Options;
using Prefix.Core.Episodes;

namespace Attribution.Api.Listens;

/// <summary>Registers client-reported listens (<c>POST /v1/listens</c>, <c>GET /v1/episodes/{episodeId}/listens</c>).</summary>
/// <remarks>Needs a <see cref="Prefix.ClickHouse.ClickHouseClient"/> and a <see cref="TimeProvider"/> (AddPrefixDefaults registers both).</remarks>
public static class ListenServices
{
    public static IServiceCollection AddListens(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ListenOptions>().Bind(configuration.GetSection(ListenOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ListenOptions>, ListenOptionsValidator>();
        services.AddSingleton<ListenStore>();
        services.AddSingleton(sp => new ListenCalculator(sp.GetRequiredService<IOptions<ListenOptions>>().Value));

        // Enclosure URLs must normalize exactly as the ingest normalizes hits, so both read the ingest's own prefix hosts.
        var ownPrefixHosts = configuration.GetSection("Ingest:OwnPrefixHosts").Get<string[]>() ?? [];
        services.AddSingleton(sp => new ListenBatchParser(sp.GetRequiredService<IOptions<ListenOptions>>().Value, new EpisodeKeyNormalizer(ownPrefixHosts)));
        return services;
    }
}
