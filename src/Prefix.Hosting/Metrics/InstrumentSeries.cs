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
    private readonly ConcurrentDictionary<int, Cell[]> _byHash = new();
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

    /// <summary>
    /// Adds one measurement. Runs on the hot path of every instrumented call (each request, for the
    /// hosting meter), so finding the label set's cell allocates nothing once the set has been seen.
    /// </summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = Find(tags);
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

    private Cell Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = HashOf(tags);
        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }
        }

        // First time this label set is seen: render its labels once and remember the cell.
        lock (_byHash)
        {
            var existing = _byHash.TryGetValue(hash, out var list) ? list : [];
            foreach (var candidate in existing)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }

            var labels = PrometheusText.Labels(tags);
            if (!_cells.TryGetValue(labels, out var cell))
            {
                cell = new Cell(_buckets.Length, tags.ToArray());
                _cells[labels] = cell;
            }

            _byHash[hash] = [.. existing, cell];
            return cell;
        }
    }

    private static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
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

    private sealed class Cell(int bucketCount, KeyValuePair<string, object?>[] tags)
    {
        /// <summary>Same keys and values in the same order (callers pass their tags in a fixed order).</summary>
        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
        {
            if (other.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(tags[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[bucketCount + 1];
    }
}
