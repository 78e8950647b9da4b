using Prefix.Hosting;

return await PrefixHost.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrefixDefaults("updater");
    var app = builder.Build();
    app.MapPrefixDefaults();
    return app;
});
