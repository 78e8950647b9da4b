using Feed.Updater;
using Prefix.Hosting;

return await PrefixHost.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrefixDefaults("updater");
    builder.AddFeedUpdater();
    var app = builder.Build();
    app.MapPrefixDefaults();
    app.MapFeedUpdater();
    return app;
});
