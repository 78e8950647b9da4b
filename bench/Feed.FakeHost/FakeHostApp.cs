using Feed.FakeHost.Configuration;
using Feed.FakeHost.Endpoints;
using Feed.FakeHost.Generation;
using Feed.FakeHost.Model;
using Feed.FakeHost.Observability;

namespace Feed.FakeHost;

/// <summary>Builds the Kestrel app: loopback only, no Server header, no request logging, every service a singleton.</summary>
internal static class FakeHostApp
{
    public static WebApplication Build(FakeHostOptions options)
    {
        // Options come from our own parser; the host gets no args so ASP.NET's command-line provider cannot disagree with it.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port);
        });

        // ASP.NET logs two Information lines per request; the fake host must spend its share of the CPU on answers.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FeedModel>();
        services.AddSingleton<FeedWriter>();
        services.AddSingleton(new FeedBodyCache(options.CacheMegabytes * 1024L * 1024));
        services.AddSingleton<HostStats>();
        services.AddSingleton(sp => new ServedChanges(options.FeedCount, options.ServedChangesCapacity, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FeedHandler>();
        services.AddSingleton<MediaHandler>();

        var app = builder.Build();
        var feeds = app.Services.GetRequiredService<FeedHandler>();
        var media = app.Services.GetRequiredService<MediaHandler>();
        app.MapMethods("/feeds/{name}", [HttpMethods.Get, HttpMethods.Head], feeds.HandleAsync);
        app.MapMethods("/media/{feed}/{file}", [HttpMethods.Get, HttpMethods.Head], media.HandleAsync);
        app.MapDriverEndpoints();
        return app;
    }

    public static void LogStarted(WebApplication app, FakeHostOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Feed.FakeHost");
        var meanPeriod = options.PollInterval.TotalSeconds / options.ChangeFraction;
        FakeHostLog.Started(logger, options.FeedCount, options.BaseUrl, options.Seed, meanPeriod, options.ChangeFraction, options.PollInterval.TotalSeconds);
    }
}
