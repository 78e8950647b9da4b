using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Fetching;

/// <summary>Registers feed fetching: validated <see cref="FetcherOptions"/>, the fetcher, the enclosure probe and their metrics.</summary>
internal static class FetchingServices
{
    /// <summary>Binds <c>Updater:Fetching</c> (validated at start-up) and registers <see cref="FeedFetcher"/> and <see cref="EnclosureProbe"/> as singletons.</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FetcherOptions>().Bind(configuration.GetSection(FetcherOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetcherOptions>, FetcherOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FetchMetrics>();

        // Singletons: each owns one HttpClient whose connection pool must live as long as the process.
        services.TryAddSingleton<FeedFetcher>();
        services.TryAddSingleton<EnclosureProbe>();
        return services;
    }
}
