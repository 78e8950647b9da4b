using System.Diagnostics.Metrics;

namespace Attribution.Api.Import;

/// <summary>Hit import instruments (meter <c>Attribution.HitImport</c>; on the API's /metrics).</summary>
internal sealed class HitImportMetrics : IDisposable
{
    private readonly Meter _meter = new("Attribution.HitImport");
    private readonly Counter<long> _lines;

    public HitImportMetrics()
    {
        _lines = _meter.CreateCounter<long>("prefix.hit_import.lines", description: "Imported lines by outcome: accepted (on the stream) or rejected.");
    }

    public void Counted(long accepted, long rejected)
    {
        _lines.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        _lines.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    public void Dispose() => _meter.Dispose();
}
