using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prefix.ClickHouse;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Hosting.Metrics;

namespace Prefix.Hosting;

/// <summary>
/// What every Prefix executable has: validated Redis/ClickHouse settings, one Redis connection and one
/// ClickHouse client, JSON logs, <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.
/// </summary>
public static class PrefixServiceDefaults
{
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceName">edge, updater or api: in logs and metrics.</param>
    /// <param name="requestMetrics">
    /// Follow ASP.NET Core's per-request duration histogram. The edge turns it off: it counts its own
    /// outcomes, and the hosting meter's per-request tags cost it measurable throughput.
    /// </param>
    public static WebApplicationBuilder AddPrefixDefaults(this WebApplicationBuilder builder, string serviceName, bool requestMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(new ServiceIdentity(serviceName));
        services.AddSingleton(TimeProvider.System);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        services.AddOptions<RedisSettings>().Bind(builder.Configuration.GetSection(RedisSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisSettings>, RedisSettingsValidator>();
        services.AddOptions<ClickHouseSettings>().Bind(builder.Configuration.GetSection(ClickHouseSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClickHouseSettings>, ClickHouseSettingsValidator>();

        services.AddSingleton<RedisConnectionProvider>();
        services.AddSingleton(sp => new ClickHouseClient(ToClientOptions(sp.GetRequiredService<IOptions<ClickHouseSettings>>().Value)));
        services.AddSingleton<ReadinessProbe>();

        string[] meters = requestMetrics ? ["Prefix.", "Feed.", "Attribution.", "Microsoft.AspNetCore.Hosting"] : ["Prefix.", "Feed.", "Attribution."];
        services.AddSingleton(new PrometheusMetrics(meters));
        services.AddSingleton<ProcessMetrics>();
        return builder;
    }

    public static WebApplication MapPrefixDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<ProcessMetrics>();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        return app;
    }

    private static ClickHouseOptions ToClientOptions(ClickHouseSettings settings) => new()
    {
        Endpoint = new Uri(settings.Url),
        User = settings.User,
        Password = settings.Password,
        Database = settings.Database,
        Timeout = settings.QueryTimeout,
    };
}

/// <summary>Which executable this is (edge, updater, api); used in logs and metrics.</summary>
public sealed record ServiceIdentity(string Name);
