using Microsoft.Extensions.Options;
using Prefix.Core.Privacy;
using Prefix.Edge.Configuration;
using Prefix.Edge.Listeners;
using Prefix.Edge.Recording;
using Prefix.Edge.Redirects;
using Prefix.Geo;
using Prefix.Hosting.Configuration;

namespace Prefix.Edge;

/// <summary>Registers the edge: settings, hit log, shipper, geo, keys and the redirect middleware.</summary>
internal static class EdgeServices
{
    public static WebApplicationBuilder AddEdge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Kestrel's default request-line limit (8 KB) is the parser's URL limit, so an over-long prefix URL got a
            // bare 414 from Kestrel, never the edge's 400 with its reason and CORS header. Room for twice the limit.
            kestrel.Limits.MaxRequestLineSize = 2 * PrefixUrlParser.MaxLength;
        });

        var validator = new EdgeOptionsValidator();
        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection(EdgeOptions.Section)).ValidateOnStart();
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateOnStart();
        services.AddOptions<HitLogOptions>().Bind(configuration.GetSection(HitLogOptions.Section)).ValidateOnStart();
        services.AddOptions<ShipperOptions>().Bind(configuration.GetSection(ShipperOptions.Section));
        services.AddSingleton<IValidateOptions<EdgeOptions>>(validator);
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.AddSingleton<IValidateOptions<HitLogOptions>>(validator);

        services.AddSingleton<HitLogMetrics>();
        services.AddSingleton<RedirectMetrics>();
        services.AddSingleton(sp => new HitLogWriter(sp.GetRequiredService<IOptions<HitLogOptions>>().Value, sp.GetRequiredService<HitLogMetrics>()));
        services.AddSingleton(sp => GeoLookup.Open(GeoOptions.FromDataDirectory(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.DataDirectory)));
        services.AddSingleton(sp =>
        {
            var identity = sp.GetRequiredService<IOptions<IdentityOptions>>().Value;
            return new ListenerKeyHasher(identity.KeyId, identity.ResolveSecret() ?? throw new InvalidOperationException("Identity configuration: no usable secret."));
        });
        services.AddSingleton<ClientAddressEnricher>();
        services.AddSingleton<ClientAddressResolver>();
        services.AddSingleton<HitRecorder>();
        services.AddHostedService<HitShipper>();
        return builder;
    }

    public static WebApplication UseEdge(this WebApplication app)
    {
        // Before routing: a prefix request never needs the endpoint machinery.
        app.UseMiddleware<RedirectMiddleware>();
        app.UseRouting();
        app.MapGet("/", () => TypedResults.Text(
            "Prefix edge. Put this host's /e/ in front of an enclosure URL: https://<this host>/e/cdn.example.com/show/episode1.mp3\n"));
        return app;
    }
}
