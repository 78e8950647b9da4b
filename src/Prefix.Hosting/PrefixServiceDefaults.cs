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
    public static WebApplicationBuilder AddPrefixDefaults(this WebApplicationBuilder builder, string serviceName)
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

        services.AddSingleton(new PrometheusMetrics(["Prefix.", "Feed.", "Attribution.", "Microsoft.AspNetCore.Hosting"]));
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
