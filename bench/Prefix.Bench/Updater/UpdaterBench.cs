using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Prefix.Core.Identities;
using Prefix.Feeds.Parsing;
using Prefix.Redis;

namespace Prefix.Bench.Updater;

/// <summary>
/// The phases of <c>./prefix bench updater</c> (bench/updater/updater.sh runs them in order, restarting the updater
/// between them): <c>import</c> 1M feeds through the API; <c>spread</c> the due times so a steady <c>--rate</c> of
/// feeds falls due; <c>measure</c> polls/s, dispatch lag, CPU and memory, and change → notification latency;
/// <c>parse</c> the parser's speed on the fake host's feeds; <c>report</c> writes bench/results.
/// </summary>
internal static class UpdaterBench
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(10) };

    public static async Task<int> RunAsync(string[] args, string outputDirectory)
    {
        var options = UpdaterBenchArguments.Parse(args);
        var results = await LoadAsync(options.StateFile).ConfigureAwait(false);
        switch (options.Phase)
        {
            case "import":
                await ImportAsync(options, results).ConfigureAwait(false);
                break;
            case "spread":
                await SpreadAsync(options, results).ConfigureAwait(false);
                break;
            case "measure":
                await MeasureAsync(options, results).ConfigureAwait(false);
                break;
            case "parse":
                await ParseAsync(options, results).ConfigureAwait(false);
                break;
            case "report":
                var report = UpdaterBenchReport.Render(results);
                Console.WriteLine(report);
                Directory.CreateDirectory(outputDirectory);
                var path = Path.Combine(outputDirectory, $"{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-updater.md");
                await File.AppendAllTextAsync(path, report, Encoding.UTF8).ConfigureAwait(false);
                Console.WriteLine($"written to {path}");
                return 0;
            default:
                Console.Error.WriteLine($"unknown phase '{options.Phase}': import, spread, measure, parse, report");
                return 2;
        }

        await File.WriteAllTextAsync(options.StateFile, JsonSerializer.Serialize(results)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Streams the fake host's feed list straight into POST /v1/feeds/import (NDJSON) and times it.</summary>
    private static async Task ImportAsync(UpdaterBenchArguments options, Dictionary<string, string> results)
    {
        var started = Stopwatch.GetTimestamp();
        using var list = await Http.GetAsync(new Uri(options.FakeHost, $"/feeds.ndjson?count={options.Feeds}"), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        list.EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Updater, "/v1/feeds/import"))
        {
            Content = new StreamContent(await list.Content.ReadAsStreamAsync().ConfigureAwait(false)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
        using var response = await Http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"import: {(int)response.StatusCode} in {elapsed.TotalSeconds:0.0} s: {Shorten(body)}");
        results["import.seconds"] = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        results["import.feeds"] = options.Feeds.ToString(CultureInfo.InvariantCulture);
        results["import.status"] = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        results["import.response"] = Shorten(body);
        if (options.UpdaterPid > 0)
        {
            var sample = ProcessSample.Read(options.UpdaterPid);
            results["import.updater.rss.mb"] = (sample.PeakRssBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        }

        await using var redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        var info = (await redis.ExecuteAsync("INFO", "memory").ConfigureAwait(false)).AsString() ?? string.Empty;
        var used = info.Split('\n').FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal))?.Split(':')[1].Trim();
        results["redis.used.mb.after.import"] = used is null ? "?" : (long.Parse(used, CultureInfo.InvariantCulture) / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        results["redis.due"] = (await redis.SortedSetLengthAsync("feeds:due").ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rate × cycle feeds become the working set: their first checks are spread evenly over one cycle, and the
    /// updater (started with a one-cycle tier) keeps them coming back at that rate; the rest move a day out.
    /// </summary>
    private static async Task SpreadAsync(UpdaterBenchArguments options, Dictionary<string, string> results)
    {
        await using var redis = await RedisConnection.ConnectAsync(new RedisOptions { EndPoint = options.Redis, CommandTimeout = TimeSpan.FromMinutes(2) }).ConfigureAwait(false);
        var ids = await redis.ExecuteAsync("ZRANGE", "feeds:due", 0, -1).ConfigureAwait(false);
        var members = ids.AsValues();
        var working = Math.Min(members.Length, (int)(options.Rate * options.Cycle.TotalSeconds));
        var start = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeMilliseconds();
        var later = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();
        var shuffled = members.OrderBy(_ => Random.Shared.Next()).ToArray();
        var batch = new List<SortedSetEntry>(10_000);
        var pending = new List<Task>();
        for (var i = 0; i < shuffled.Length; i++)
        {
            var score = i < working ? start + (i * options.Cycle.TotalMilliseconds / working) : later + i;
            batch.Add(new SortedSetEntry(shuffled[i], score));
            if (batch.Count == 10_000 || i == shuffled.Length - 1)
            {
                pending.Add(redis.SortedSetAddAsync("feeds:due", [.. batch]));
                batch.Clear();
                if (pending.Count == 4)
                {
                    await Task.WhenAll(pending).ConfigureAwait(false);
                    pending.Clear();
                }
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        results["spread.working.set"] = working.ToString(CultureInfo.InvariantCulture);
        results["spread.rate"] = options.Rate.ToString(CultureInfo.InvariantCulture);
        results["spread.cycle.seconds"] = options.Cycle.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"spread: {working} feeds due over {options.Cycle.TotalSeconds} s from 20 s on; {members.Length - working} moved a day out");
    }

    private static async Task MeasureAsync(UpdaterBenchArguments options, Dictionary<string, string> results)
    {
        var latency = await ChangeLatencyProbe.StartAsync(options.Redis).ConfigureAwait(false);
        // Warm-up = the working set's first cycle: every first poll is a full download, parse and episode insert,
        // which steady state is not. Wait until that many polls are done (at most the warm-up limit), then 10 s more.
        var working = long.Parse(results.GetValueOrDefault("spread.working.set", "0"), CultureInfo.InvariantCulture);
        Console.WriteLine($"measure: warming up until the {working} feeds of the working set were polled once (at most {options.Warmup.TotalSeconds} s)");
        var warmup = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmup) < options.Warmup)
        {
            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var polled = (await MetricsScrape.ReadAsync(Http, options.Updater, CancellationToken.None).ConfigureAwait(false)).Sum("feed_updater_polls_total");
            if (polled >= working)
            {
                break;
            }
        }

        results["warmup.seconds"] = Stopwatch.GetElapsedTime(warmup).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        // Then one more cycle, so the backlog the heavy first polls left behind is gone before measuring.
        await Task.Delay(options.Cycle).ConfigureAwait(false);

        var before = await MetricsScrape.ReadAsync(Http, options.Updater, CancellationToken.None).ConfigureAwait(false);
        var cpuBefore = ProcessSample.Read(options.UpdaterPid);
        var windowStart = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        long peakRss = 0;
        while (Stopwatch.GetElapsedTime(started) < options.Measure)
        {
            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            peakRss = Math.Max(peakRss, ProcessSample.Read(options.UpdaterPid).RssBytes);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = await MetricsScrape.ReadAsync(Http, options.Updater, CancellationToken.None).ConfigureAwait(false);
        var cpuAfter = ProcessSample.Read(options.UpdaterPid);
        var windowEnd = DateTimeOffset.UtcNow;

        var polls = after.Sum("feed_updater_polls_total") - before.Sum("feed_updater_polls_total");
        var notModified = after.Sum("feed_updater_polls_total", "outcome=\"not_modified\"") - before.Sum("feed_updater_polls_total", "outcome=\"not_modified\"");
        var changed = after.Sum("feed_updater_polls_total", "outcome=\"changed\"") - before.Sum("feed_updater_polls_total", "outcome=\"changed\"");
        var lag = (Before: before.Buckets("feed_updater_dispatch_lag_seconds"), After: after.Buckets("feed_updater_dispatch_lag_seconds"));
        var cpu = cpuAfter.CpuTime - cpuBefore.CpuTime;
        results["polls.per.second"] = (polls / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        results["polls.total"] = polls.ToString("0", CultureInfo.InvariantCulture);
        results["polls.not_modified.share"] = (polls > 0 ? notModified / polls : 0).ToString("0.00", CultureInfo.InvariantCulture);
        results["polls.changed.share"] = (polls > 0 ? changed / polls : 0).ToString("0.00", CultureInfo.InvariantCulture);
        results["dispatch.lag.p50.le"] = MetricsScrape.Quantile(lag.Before, lag.After, 0.50).ToString(CultureInfo.InvariantCulture);
        results["dispatch.lag.p99.le"] = MetricsScrape.Quantile(lag.Before, lag.After, 0.99).ToString(CultureInfo.InvariantCulture);
        results["cpu.ms.per.poll"] = (polls > 0 ? cpu.TotalMilliseconds / polls : 0).ToString("0.00", CultureInfo.InvariantCulture);
        results["cpu.cores.used"] = (cpu.TotalSeconds / elapsed.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);
        results["updater.rss.mb"] = (peakRss / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        results["updater.peak.rss.mb"] = (cpuAfter.PeakRssBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);
        results["measure.seconds"] = elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

        var served = await ServedChangesAsync(options.FakeHost, windowStart).ConfigureAwait(false);
        var latencies = latency.Match(served, windowStart, windowEnd);
        await latency.DisposeAsync().ConfigureAwait(false);
        results["change.matched"] = latencies.Count.ToString(CultureInfo.InvariantCulture);
        results["change.served"] = served.Count.ToString(CultureInfo.InvariantCulture);
        if (latencies.Count > 0)
        {
            latencies.Sort();
            results["change.p50.ms"] = latencies[latencies.Count / 2].TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            results["change.p99.ms"] = latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))].TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"measure: {results["polls.per.second"]} polls/s, lag p99 ≤ {results["dispatch.lag.p99.le"]} s, {results["cpu.ms.per.poll"]} ms CPU/poll, change p99 {results.GetValueOrDefault("change.p99.ms", "?")} ms");
    }

    /// <summary>When the fake host first served each new feed version (feed id → served times).</summary>
    private static async Task<Dictionary<Guid, List<DateTimeOffset>>> ServedChangesAsync(Uri fakeHost, DateTimeOffset since)
    {
        var text = await Http.GetStringAsync(new Uri(fakeHost, $"/served-changes?since={since.ToUnixTimeMilliseconds()}")).ConfigureAwait(false);
        var served = new Dictionary<Guid, List<DateTimeOffset>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("initial", out var initial) && initial.GetBoolean())
            {
                continue; // a feed's first serve is no change
            }

            var feed = root.GetProperty("feedNumber").GetInt64();
            var at = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("servedAtMs").GetInt64());
            var id = PodcastIdentity.ShowId(new Uri(fakeHost, $"/feeds/{feed}.xml").AbsoluteUri);
            if (!served.TryGetValue(id, out var times))
            {
                served[id] = times = [];
            }

            times.Add(at);
        }

        return served;
    }

    /// <summary>Parser speed on the fake host's own documents: a sample of ordinary feeds and the 5,000-item feed.</summary>
    private static async Task ParseAsync(UpdaterBenchArguments options, Dictionary<string, string> results)
    {
        var documents = new List<byte[]>();
        for (var n = 1; documents.Count < 200 && n < 1000; n++)
        {
            // Skip the fake host's deliberately broken feeds (errors, HTML, redirects): this measures parsing feeds.
            using var response = await Http.GetAsync(new Uri(options.FakeHost, $"/feeds/{n * 997}.xml")).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.IsSuccessStatusCode && FeedParser.Parse(body).Succeeded)
            {
                documents.Add(body);
            }
        }

        var large = await Http.GetByteArrayAsync(new Uri(options.FakeHost, "/feeds/0.xml")).ConfigureAwait(false);
        var bytes = documents.Sum(static d => (long)d.Length);
        var best = TimeSpan.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var document in documents)
            {
                _ = FeedParser.Parse(document);
            }

            best = Min(best, Stopwatch.GetElapsedTime(started));
        }

        var largeBest = TimeSpan.MaxValue;
        var items = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var parsed = FeedParser.Parse(large, new FeedParseOptions { FeedUrl = new Uri(options.FakeHost, "/feeds/0.xml").AbsoluteUri });
            largeBest = Min(largeBest, Stopwatch.GetElapsedTime(started));
            items = parsed.Feed?.Episodes.Count ?? 0;
        }

        results["parse.mb.per.second"] = (bytes / 1048576.0 / best.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        results["parse.sample"] = $"{documents.Count} feeds, {bytes / 1024} KB";
        results["parse.large.ms"] = largeBest.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        results["parse.large.items"] = items.ToString(CultureInfo.InvariantCulture);
        results["parse.large.kb"] = (large.Length / 1024).ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"parse: {results["parse.mb.per.second"]} MB/s on one thread; {items}-item feed in {results["parse.large.ms"]} ms");
    }

    /// <summary>Enough rounds for the JIT to reach its optimized tier; the best round is reported.</summary>
    private const int Rounds = 30;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static async Task<Dictionary<string, string>> LoadAsync(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(path).ConfigureAwait(false)) ?? []
            : [];
}
