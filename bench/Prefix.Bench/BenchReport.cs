using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Prefix.Bench;

internal static class BenchReport
{
    public static string Render(string title, IReadOnlyList<BenchResult> rows)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"## {title} — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(inv, $"Machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        text.AppendLine();
        text.AppendLine("| benchmark | unit | ours | reference | ratio | goal | how |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var verdict = row.Ratio >= row.Goal ? "met" : "missed";
            text.AppendLine(inv, $"| {row.Name} | {row.Unit} | {row.Ours:N0} | {row.Reference:N0} | {row.Ratio:0.00}× | ≥ {row.Goal:0.00}× ({verdict}) | {row.Detail} |");
        }

        text.AppendLine();
        return text.ToString();
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
