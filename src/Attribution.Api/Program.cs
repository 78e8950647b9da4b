using Prefix.Hosting;
using Prefix.Ingest;

return await PrefixHost.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrefixDefaults("api");

    // The API process also runs the hit ingest (Redis Stream → ClickHouse); docs/INGEST.md says why.
    builder.Services.AddHitIngest(builder.Configuration);
    var app = builder.Build();
    app.MapPrefixDefaults();
    return app;
});
