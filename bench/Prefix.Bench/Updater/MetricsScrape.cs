using System.Globalization;

namespace Prefix.Bench.Updater;

/// <summary>One scrape of a service's /metrics (Prometheus text): counters and histogram buckets by series.</summary>
internal sealed class MetricsScrape
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public static async Task<MetricsScrape> ReadAsync(HttpClient http, Uri service, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(service, "/metrics"), cancellationToken).ConfigureAwait(false);
        var scrape = new MetricsScrape();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                scrape._values[line[..space]] = value;
            }
        }

        return scrape;
    }

    /// <summary>Sum of every series of the metric whose labels contain all of <paramref name="labelParts"/>.</summary>
    public double Sum(string metric, params string[] labelParts) =>
        _values.Where(kv => (kv.Key == metric || kv.Key.StartsWith(metric + "{", StringComparison.Ordinal)) && labelParts.All(p => kv.Key.Contains(p, StringComparison.Ordinal)))
            .Sum(kv => kv.Value);

    /// <summary>Cumulative histogram buckets (le → count) of a histogram, summed over its other labels.</summary>
    public SortedDictionary<double, double> Buckets(string histogram)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (series, value) in _values)
        {
            if (!series.StartsWith(histogram + "_bucket{", StringComparison.Ordinal))
            {
                continue;
            }

            var le = series[(series.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
            le = le[..le.IndexOf('"', StringComparison.Ordinal)];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }

        return buckets;
    }

    /// <summary>The bucket bound under which <paramref name="quantile"/> of the observations between two scrapes fall.</summary>
    public static double Quantile(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double quantile)
    {
        var total = after.LastOrDefault().Value - before.LastOrDefault().Value;
        if (total <= 0)
        {
            return double.NaN;
        }

        foreach (var (bound, count) in after)
        {
            if (count - before.GetValueOrDefault(bound) >= quantile * total)
            {
                return bound;
            }
        }

        return double.PositiveInfinity;
    }
}
