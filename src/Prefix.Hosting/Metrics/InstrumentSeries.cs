using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Prefix.Hosting.Metrics;

/// <summary>All label sets of one instrument and how to print them.</summary>
internal sealed class InstrumentSeries
{
    private readonly Instrument _instrument;
    private readonly double[] _buckets;
    private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);
    private readonly Kind _kind;

    public InstrumentSeries(Instrument instrument, double[] buckets)
    {
        _instrument = instrument;
        _buckets = buckets;
        _kind = KindOf(instrument);
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, _kind == Kind.Counter);
    }

    private enum Kind
    {
        Counter,
        ObservedCounter,
        Gauge,
        Histogram,
    }

    public string Name { get; }

    public void Record(double value, string labels)
    {
        var cell = _cells.GetOrAdd(labels, _ => new Cell(_buckets.Length));
        lock (cell)
        {
            switch (_kind)
            {
                case Kind.Counter:
                    cell.Sum += value;
                    break;
                case Kind.ObservedCounter:
                case Kind.Gauge:
                    // Observable instruments report the current total or level, not an increment.
                    cell.Sum = value;
                    break;
                case Kind.Histogram:
                    cell.Sum += value;
                    cell.Count++;
                    var index = Array.BinarySearch(_buckets, value);
                    cell.Buckets[index >= 0 ? index : ~index]++;
                    break;
            }
        }
    }

    public void WriteTo(StringBuilder text)
    {
        if (_cells.IsEmpty)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var type = _kind switch
        {
            Kind.Counter or Kind.ObservedCounter => "counter",
            Kind.Histogram => "histogram",
            _ => "gauge",
        };
        text.Append(inv, $"# HELP {Name} {PrometheusText.Help(_instrument.Description ?? _instrument.Name)}\n");
        text.Append(inv, $"# TYPE {Name} {type}\n");
        foreach (var (labels, cell) in _cells.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            lock (cell)
            {
                if (_kind != Kind.Histogram)
                {
                    text.Append(inv, $"{Name}{PrometheusText.Braced(labels)} {PrometheusText.Number(cell.Sum)}\n");
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < _buckets.Length; i++)
                {
                    cumulative += cell.Buckets[i];
                    var le = PrometheusText.Join(labels, $"le=\"{PrometheusText.Number(_buckets[i])}\"");
                    text.Append(inv, $"{Name}_bucket{{{le}}} {cumulative}\n");
                }

                text.Append(inv, $"{Name}_bucket{{{PrometheusText.Join(labels, "le=\"+Inf\"")}}} {cell.Count}\n");
                text.Append(inv, $"{Name}_sum{PrometheusText.Braced(labels)} {PrometheusText.Number(cell.Sum)}\n");
                text.Append(inv, $"{Name}_count{PrometheusText.Braced(labels)} {cell.Count}\n");
            }
        }
    }

    private static Kind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic == typeof(Counter<>))
        {
            return Kind.Counter;
        }

        if (generic == typeof(ObservableCounter<>))
        {
            return Kind.ObservedCounter;
        }

        if (generic == typeof(Histogram<>))
        {
            return Kind.Histogram;
        }

        // UpDownCounter accumulates too, but may go down: Prometheus calls that a gauge.
        return generic == typeof(UpDownCounter<>) ? Kind.Counter : Kind.Gauge;
    }

    private sealed class Cell(int bucketCount)
    {
        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[bucketCount + 1];
    }
}
