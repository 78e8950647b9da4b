using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Registration;

/// <summary>Wires registration into the updater.</summary>
internal static class RegistrationServices
{
    /// <summary>Binds and validates <c>Updater:Registration</c> and registers <see cref="FeedRegistry"/> (needs the Redis connection provider from AddPrefixDefaults).</summary>
    public static IServiceCollection AddFeedRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection(RegistrationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegistrationOptions>, RegistrationOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeedRegistry>();
        return services;
    }
}
