using System.Diagnostics.Metrics;
using Prefix.Hosting.Metrics;

namespace Prefix.Services.Tests.Metrics;

public sealed class PrometheusMetricsTests
{
    [Fact]
    public void Render_CounterWithLabels_SumsPerLabelSetWithTotalSuffix()
    {
        var meterName = "Prefix.Test." + Guid.NewGuid().ToString("N");
        using var metrics = new PrometheusMetrics([meterName]);
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("prefix.test.redirects", description: "Redirects answered.");

        counter.Add(2, new KeyValuePair<string, object?>("outcome", "redirect"));
        counter.Add(3, new KeyValuePair<string, object?>("outcome", "redirect"));
        counter.Add(1, new KeyValuePair<string, object?>("outcome", "bad \"url\"\n"));

        var text = metrics.Render();
        Assert.Contains("# HELP prefix_test_redirects_total Redirects answered.\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE prefix_test_redirects_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_redirects_total{outcome=\"redirect\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_redirects_total{outcome=\"bad \\\"url\\\"\\n\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        var meterName = "Prefix.Test." + Guid.NewGuid().ToString("N");
        using var metrics = new PrometheusMetrics([meterName]);
        using var meter = new Meter(meterName);
        var histogram = meter.CreateHistogram<double>("prefix.test.latency", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1] });

        histogram.Record(0.0005);
        histogram.Record(0.005);
        histogram.Record(0.005);
        histogram.Record(5);

        var text = metrics.Render();
        Assert.Contains("# TYPE prefix_test_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_latency_seconds_bucket{le=\"0.001\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_latency_seconds_bucket{le=\"0.01\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_latency_seconds_bucket{le=\"0.1\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("prefix_test_latency_seconds_bucket{le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        var sum = System.Text.RegularExpressions.Regex.Match(text, @"(?m)^prefix_test_latency_seconds_sum (\S+)$").Groups[1].Value;
        Assert.Equal(5.0105, double.Parse(sum, System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Contains("prefix_test_latency_seconds_count 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ObservableGauge_ReportsCurrentValueNotASum()
    {
        var meterName = "Prefix.Test." + Guid.NewGuid().ToString("N");
        using var metrics = new PrometheusMetrics([meterName]);
        using var meter = new Meter(meterName);
        var depth = 7L;
        meter.CreateObservableGauge("prefix.test.depth", () => depth);

        Assert.Contains("prefix_test_depth 7\n", metrics.Render(), StringComparison.Ordinal);
        depth = 3;
        Assert.Contains("prefix_test_depth 3\n", metrics.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MeterNotFollowed_IsLeftOut()
    {
        using var metrics = new PrometheusMetrics(["Prefix.Only."]);
        using var meter = new Meter("Other.Meter." + Guid.NewGuid().ToString("N"));
        meter.CreateCounter<long>("other.count").Add(1);

        Assert.DoesNotContain("other_count", metrics.Render(), StringComparison.Ordinal);
    }
}
