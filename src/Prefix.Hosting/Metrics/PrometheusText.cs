using System.Globalization;
using System.Text;

namespace Prefix.Hosting.Metrics;

/// <summary>Naming and escaping rules of the Prometheus text format.</summary>
internal static class PrometheusText
{
    /// <summary>"prefix.edge.redirects" + "s" → "prefix_edge_redirects_seconds"; counters end in _total.</summary>
    public static string MetricName(string name, string? unit, bool isCounter)
    {
        var text = new StringBuilder(name.Length + 16);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        if (suffix.Length > 0 && !text.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            text.Append(suffix);
        }

        if (isCounter && !text.ToString().EndsWith("_total", StringComparison.Ordinal))
        {
            text.Append("_total");
        }

        return text.ToString();
    }

    /// <summary>Label pairs in a stable order, values escaped; empty when there are none.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var key = new string(tag.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            pairs.Add($"{key}=\"{EscapeLabelValue(value)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    public static string Braced(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

    public static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Help(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
