using System.Diagnostics;
using System.Globalization;
using Feed.Updater.Registration.Import;
using Prefix.Redis;
using Prefix.Testing.Servers;
using Xunit.Abstractions;

namespace Feed.Updater.Tests.Registration;

/// <summary>
/// Measures FEEDS.md's "register 1,000,000 feeds by bulk import in under 2 minutes". Not a test: it asserts
/// nothing and runs only when PREFIX_MEASURE_IMPORT=1 (otherwise returns at once), printing seconds and
/// Redis memory. Run: PREFIX_MEASURE_IMPORT=1 dotnet test ... --filter "FullyQualifiedName~ImportMeasurement"
/// --logger "console;verbosity=detailed".
/// </summary>
public sealed class ImportMeasurement(ITestOutputHelper output)
{
    [Fact]
    public async Task RegisterManyAsync_MillionNdjsonLines_PrintsTimeAndRedisMemory()
    {
        if (Environment.GetEnvironmentVariable("PREFIX_MEASURE_IMPORT") != "1")
        {
            return;
        }

        var lines = long.Parse(Environment.GetEnvironmentVariable("PREFIX_MEASURE_LINES") ?? "1000000", CultureInfo.InvariantCulture);
        await using var server = await RedisServer.StartAsync();
        await using var provider = RegistryRedis.ProviderFor(server.Endpoint);
        var registry = RegistryRedis.Registry(provider, TimeProvider.System);
        await using var redis = await RedisConnection.ConnectAsync(server.Endpoint);
        var before = await UsedMemoryAsync(redis);

        // Realistic shapes: a few big hosts and a long tail, ~70-byte URLs, an extra member per line.
        static string LineFor(long i) =>
            $"{{\"url\":\"https://{(i % 3 == 0 ? "feeds.megaphone.fm" : i % 3 == 1 ? "anchor.fm/s" : $"podcast{i % 50_000}.example.com")}/show-{i}/rss.xml\",\"title\":\"Show {i}\"}}";
        using var body = new GeneratedLinesStream(lines, LineFor);
        var started = Stopwatch.GetTimestamp();
        var result = await registry.RegisterManyAsync(FeedImportReader.ReadAsync(body, "application/x-ndjson", CancellationToken.None), CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = await UsedMemoryAsync(redis);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lines={lines:N0} body={body.BytesProduced / 1e6:F1} MB created={result.Created:N0} existing={result.Existing:N0} rejected={result.Rejected:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elapsed={elapsed.TotalSeconds:F1} s ({lines / elapsed.TotalSeconds:N0} lines/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"redis used_memory before={before / 1e6:F1} MB after={after / 1e6:F1} MB ({(after - before) / (double)Math.Max(1, result.Created):F0} B/feed)"));
        foreach (var key in new[] { "feeds:changes", "feeds:byurl", "feeds:due" })
        {
            var usage = await redis.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "1000");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  MEMORY USAGE {key} = {usage.AsInt64() / 1e6:F1} MB"));
        }

        var stats = (await redis.ExecuteAsync("INFO", "commandstats")).AsString()! + (await redis.ExecuteAsync("INFO", "cpu")).AsString()!;
        foreach (var stat in stats.Split('\n').Where(l => l.StartsWith("cmdstat_eval", StringComparison.Ordinal) || l.StartsWith("used_cpu_", StringComparison.Ordinal)))
        {
            output.WriteLine("  " + stat.Trim());
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test process peak working set={Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB, GC allocated={GC.GetTotalAllocatedBytes() / 1e9:F2} GB, CPU={Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average: {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    private static async Task<long> UsedMemoryAsync(RedisConnection redis)
    {
        var info = (await redis.ExecuteAsync("INFO", "memory")).AsString()!;
        var line = info.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
