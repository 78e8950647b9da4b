using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Publishing;

/// <summary>Registers publishing: webhook options (validated at start-up), the registry, the change-log reader and the delivery worker.</summary>
internal static class PublishingServices
{
    /// <remarks>Needs the <c>RedisConnectionProvider</c> and <c>TimeProvider</c> that <c>AddPrefixDefaults</c> registers.</remarks>
    public static IServiceCollection AddFeedPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<ChangeLogReader>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
