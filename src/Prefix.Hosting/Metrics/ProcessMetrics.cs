using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Prefix.Hosting.Metrics;

/// <summary>Process-level gauges every service exposes: memory, GC heap, threads, uptime.</summary>
public sealed class ProcessMetrics : IDisposable
{
    public const string MeterName = "Prefix.Process";
    private readonly Meter _meter = new(MeterName);

    public ProcessMetrics(TimeProvider time)
    {
        var started = time.GetTimestamp();
        _meter.CreateObservableGauge("process.resident_memory", () => Environment.WorkingSet, "By", "Resident set size of the process.");
        _meter.CreateObservableGauge("process.gc_heap", () => GC.GetTotalMemory(false), "By", "Managed heap in use.");
        _meter.CreateObservableGauge("process.threads", () => Process.GetCurrentProcess().Threads.Count, null, "OS threads of the process.");
        _meter.CreateObservableGauge("process.uptime", () => time.GetElapsedTime(started).TotalSeconds, "s", "Time since the service started.");
    }

    public void Dispose() => _meter.Dispose();
}
