using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Prefix.Redis;

namespace Prefix.Bench;

/// <summary>
/// Pipelined XADD: redis-benchmark (-P 64, its default 50 connections) against our client on one
/// multiplexed connection, same server, same payload, same command count, in the same run.
/// </summary>
internal static partial class RedisXaddBench
{
    private const int Count = 1_000_000;
    private const int Depth = 64;
    private const int Window = 512;
    private const int WarmupCount = 300_000;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string redisEndpoint, CancellationToken ct)
    {
        var options = RedisOptions.Parse(redisEndpoint);
        options.CommandTimeout = TimeSpan.FromSeconds(30);
        var colon = options.EndPoint.LastIndexOf(':');
        var host = colon < 0 ? options.EndPoint : options.EndPoint[..colon];
        var port = colon < 0 ? "6379" : options.EndPoint[(colon + 1)..];
        var referenceKey = $"bench:xadd:ref:{Guid.NewGuid():N}";
        var ourKey = $"bench:xadd:ours:{Guid.NewGuid():N}";

        await using var redis = await RedisConnection.ConnectAsync(options, ct).ConfigureAwait(false);
        try
        {
            var reference = await RunReferenceAsync(host, port, referenceKey, ct).ConfigureAwait(false);
            await redis.KeyDeleteAsync(referenceKey, ct).ConfigureAwait(false);

            await RunOursAsync(redis, ourKey, WarmupCount, ct).ConfigureAwait(false);
            await redis.KeyDeleteAsync(ourKey, ct).ConfigureAwait(false);
            var (done, elapsed) = await RunOursAsync(redis, ourKey, Count, ct).ConfigureAwait(false);
            var ours = done / elapsed.TotalSeconds;

            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{done:N0} × XADD key * f v; ours: 1 connection, {Window} in flight, {elapsed.TotalSeconds:0.00} s after {WarmupCount:N0} warm-up; " +
                $"reference: redis-benchmark -n {Count:N0} -P {Depth} (50 connections)");
            return [new BenchResult($"XADD pipelined (ours vs redis-benchmark -P {Depth})", "ops/s", ours, reference, 0.5, detail)];
        }
        finally
        {
            await redis.KeyDeleteAsync([referenceKey, ourKey], CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Issues XADDs keeping <see cref="Window"/> unanswered; stops early at the time limit.</summary>
    private static async Task<(int Done, TimeSpan Elapsed)> RunOursAsync(RedisConnection redis, string key, int count, CancellationToken ct)
    {
        var window = new Task<string>[Window];
        var started = Stopwatch.StartNew();
        var issued = 0;
        for (; issued < count && !ct.IsCancellationRequested; issued++)
        {
            var slot = issued % Window;
            if (issued >= Window)
            {
                await window[slot].ConfigureAwait(false);
                if (slot == 0 && started.Elapsed > TimeLimit)
                {
                    break;
                }
            }

            window[slot] = redis.StreamAddAsync(key, "f", "v", cancellationToken: ct);
        }

        foreach (var task in window.Take(Math.Min(issued, Window)))
        {
            await task.ConfigureAwait(false);
        }

        return (issued, started.Elapsed);
    }

    private static async Task<double> RunReferenceAsync(string host, string port, string key, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/usr/bin/redis-benchmark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", host, "-p", port, "-n", Count.ToString(CultureInfo.InvariantCulture), "-P", Depth.ToString(CultureInfo.InvariantCulture), "-q", "xadd", key, "*", "f", "v" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start redis-benchmark");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeLimit * 2);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var matches = RequestsPerSecond().Matches(output);
        if (process.ExitCode != 0 || matches.Count == 0)
        {
            throw new InvalidOperationException($"redis-benchmark failed ({process.ExitCode}): {output}{await stderr.ConfigureAwait(false)}");
        }

        // -q prints progress lines separated by carriage returns; the last figure is the final one.
        return double.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?) requests per second")]
    private static partial Regex RequestsPerSecond();
}
