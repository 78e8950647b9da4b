using System.Globalization;

namespace Prefix.Bench.Updater;

/// <summary>CPU time and memory of a process from /proc (Linux): what the updater costs while it works.</summary>
internal sealed record ProcessSample(TimeSpan CpuTime, long RssBytes, long PeakRssBytes)
{
    public static ProcessSample Read(int pid)
    {
        // /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks; the command name may hold spaces, so split after ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        const double TicksPerSecond = 100; // USER_HZ on Linux
        return new ProcessSample(TimeSpan.FromSeconds(ticks / TicksPerSecond), rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
