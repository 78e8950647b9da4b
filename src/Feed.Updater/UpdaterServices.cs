using Feed.Updater.Endpoints;
using Feed.Updater.Fetching;
using Feed.Updater.Polling;
using Feed.Updater.Probing;
using Feed.Updater.Publishing;
using Feed.Updater.Registration;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;
using Prefix.Core.Episodes;
using Prefix.Hosting.Auth;

namespace Feed.Updater;

/// <summary>The updater's services and endpoints, so Program.cs stays a table of contents.</summary>
internal static class UpdaterServices
{
    public static WebApplicationBuilder AddFeedUpdater(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddPrefixApiKeys(configuration);
        services.AddOpenApi();

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>();
        services.AddOptions<ProbingOptions>().Bind(configuration.GetSection(ProbingOptions.Section));

        services.AddSingleton(new EpisodeKeyNormalizer());
        services.AddSingleton<FeedStateStore>();
        services.AddSingleton<EpisodeStore>();
        services.AddSingleton<FeedHistoryWriter>();
        services.AddSingleton<PollMetrics>();
        services.AddSingleton<ContentStep>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<IFeedPollHandler>(sp => sp.GetRequiredService<FeedPoller>());
        services.AddSingleton<EnclosureProbeQueue>();
        services.AddHostedService<EnclosureProbeWorker>();

        services.AddFeedFetching(configuration);
        services.AddFeedScheduling(configuration);
        services.AddFeedRegistration(configuration);
        services.AddFeedPublishing(configuration);
        return builder;
    }

    public static WebApplication MapFeedUpdater(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var v1 = app.MapGroup("/v1");
        v1.MapFeedEndpoints();
        v1.MapParseEndpoints();
        // Sub-groups, so each scope applies to its own endpoints only (a convention on v1 would apply to all of them).
        v1.MapGroup(string.Empty).RequireScope(ApiScopes.FeedsRead).WithTags("Changes").MapChangeEndpoints();
        v1.MapGroup(string.Empty).RequireScope(ApiScopes.Webhooks).WithTags("Webhooks").MapWebhookEndpoints();
        v1.MapApiKeyEndpoints();
        return app;
    }
}
