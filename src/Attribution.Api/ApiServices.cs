using Attribution.Api.Audience;
using Attribution.Api.Downloads;
using Attribution.Api.Import;
using Attribution.Api.Listens;
using Prefix.Hosting.Auth;
using Prefix.Ingest;

namespace Attribution.Api;

/// <summary>The API's services and endpoints, so Program.cs stays a table of contents.</summary>
internal static class ApiServices
{
    public static WebApplicationBuilder AddAttributionApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddPrefixApiKeys(configuration);
        services.AddOpenApi();

        // The API process also runs the hit ingest (Redis Stream → ClickHouse); docs/INGEST.md says why.
        services.AddHitIngest(configuration);
        services.AddListens(configuration);
        services.AddHitImport(configuration);
        services.AddDownloads(configuration);
        return builder;
    }

    public static WebApplication MapAttributionApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var v1 = app.MapGroup("/v1");
        v1.MapListenEndpoints();
        v1.MapHitImportEndpoints();
        v1.MapDownloadEndpoints();
        v1.MapRawHitEndpoints();
        v1.MapAudienceEndpoints();
        v1.MapApiKeyEndpoints();
        return app;
    }
}
