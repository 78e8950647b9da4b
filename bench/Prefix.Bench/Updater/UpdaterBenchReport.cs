using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Prefix.Bench.Updater;

/// <summary>The updater bench's markdown: each FEEDS.md goal next to what was measured and how.</summary>
internal static class UpdaterBenchReport
{
    public static string Render(Dictionary<string, string> r)
    {
        var inv = CultureInfo.InvariantCulture;
        string V(string key) => r.GetValueOrDefault(key, "?");
        var text = new StringBuilder();
        text.AppendLine(inv, $"## updater — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. Updater, fake feed host, Redis and ClickHouse share the machine.");
        text.AppendLine();
        text.AppendLine("| measure | result | goal (FEEDS.md) | how |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine(inv, $"| import {V("import.feeds")} feeds | {V("import.seconds")} s | < 120 s | fake host's NDJSON list streamed into POST /v1/feeds/import (HTTP {V("import.status")}); Redis used {V("redis.used.mb.after.import")} MB after |");
        text.AppendLine(inv, $"| sustained polls | {V("polls.per.second")} /s | ≥ 1,000 /s | {V("spread.working.set")} feeds due at {V("spread.rate")}/s, returning every ~{V("spread.cycle.seconds")} s; counted from /metrics over {V("measure.seconds")} s after the first cycle ({V("warmup.seconds")} s) and one more cycle to drain its backlog ({V("polls.not_modified.share")} answered 304, {V("polls.changed.share")} changed) |");
        text.AppendLine(inv, $"| dispatch lag p99 | ≤ {V("dispatch.lag.p99.le")} s (p50 ≤ {V("dispatch.lag.p50.le")} s) | ≤ 1 s | poll start − due time, histogram bucket bound from /metrics |");
        text.AppendLine(inv, $"| change → notification p99 | {V("change.p99.ms")} ms (p50 {V("change.p50.ms")} ms) | < 1,000 ms | fake host's first serve of a new version → PUBLISH of its episodes.changed seen by a subscriber; {V("change.matched")} of {V("change.served")} served changes matched |");
        text.AppendLine(inv, $"| CPU per poll | {V("cpu.ms.per.poll")} ms | — | updater process CPU time (/proc) ÷ polls; {V("cpu.cores.used")} cores busy |");
        text.AppendLine(inv, $"| updater memory | {V("updater.rss.mb")} MB RSS (peak {V("updater.peak.rss.mb")} MB) | < 1,024 MB | VmRSS/VmHWM while polling with {V("import.feeds")} feeds registered |");
        text.AppendLine(inv, $"| parse speed | {V("parse.mb.per.second")} MB/s | ≥ 50 MB/s per core | one thread, best of 30 rounds over {V("parse.sample")} from the fake host |");
        text.AppendLine(inv, $"| {V("parse.large.items")}-item feed | {V("parse.large.ms")} ms | < 150 ms | best of 30, {V("parse.large.kb")} KB |");
        text.AppendLine();
        return text.ToString();
    }
}
