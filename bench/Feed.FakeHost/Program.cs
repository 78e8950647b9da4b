using Feed.FakeHost;
using Feed.FakeHost.Configuration;

// A local stand-in for a million podcast hosts, so `./prefix bench updater` needs no internet (bench/updater/README.md).
var options = FakeHostArguments.Parse(args, out var error);
if (options is null)
{
    await (error is null ? Console.Out : Console.Error).WriteAsync(error is null ? FakeHostArguments.Usage() : error + "\n");
    return error is null ? 0 : 2;
}

if (options.SelfCheck > 0)
{
    return SelfCheck.Run(options, Console.Out);
}

await using var app = FakeHostApp.Build(options);
await app.StartAsync();
FakeHostApp.LogStarted(app, options);
await app.WaitForShutdownAsync();
return 0;
