using Prefix.Edge;
using Prefix.Hosting;

return await PrefixHost.RunAsync(() =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPrefixDefaults("edge", requestMetrics: false);
    builder.AddEdge();
    var app = builder.Build();
    app.UseEdge();
    app.MapPrefixDefaults();
    return app;
});
