using Attribution.Api;
using Prefix.Hosting;

return await PrefixHost.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrefixDefaults("api");
    builder.AddAttributionApi();
    var app = builder.Build();
    app.MapPrefixDefaults();
    app.MapAttributionApi();
    return app;
});
