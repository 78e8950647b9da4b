using System.Globalization;
using System.Text;

namespace Prefix.Bench;

/// <summary>
/// <c>Prefix.Bench clients --redis host:port --clickhouse http://… --out bench/results</c>:
/// runs the client benchmarks and appends a dated markdown report.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArguments.Parse(args);
        if (options.Target == "updater")
        {
            return await Updater.UpdaterBench.RunAsync(args, options.OutputDirectory).ConfigureAwait(false);
        }

        var rows = new List<BenchResult>();
        if (options.Target is "clients" or "redis")
        {
            rows.AddRange(await RedisXaddBench.RunAsync(options.Redis, CancellationToken.None).ConfigureAwait(false));
        }

        if (options.Target is "clients" or "clickhouse")
        {
            rows.AddRange(await ClickHouseInsertBench.RunAsync(options.ClickHouse, CancellationToken.None).ConfigureAwait(false));
        }

        var report = BenchReport.Render($"clients ({options.Target})", rows);
        Console.WriteLine(report);
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.Combine(options.OutputDirectory, $"{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-clients.md");
        await File.AppendAllTextAsync(path, report, Encoding.UTF8).ConfigureAwait(false);
        Console.WriteLine($"written to {path}");
        return 0;
    }
}
