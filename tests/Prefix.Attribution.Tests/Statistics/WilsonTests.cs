using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Tests.Statistics;

public sealed class WilsonTests
{
    // References: Wilson (1927) score interval with z = 1.959964, computed independently (Python, closed form);
    // 0/10 → [0, 0.2775] is the textbook "rule of three"-style example.
    [Theory]
    [InlineData(5, 50, 0.043476, 0.213602)]
    [InlineData(0, 10, 0.000000, 0.277533)]
    [InlineData(10, 10, 0.722467, 1.000000)]
    [InlineData(1, 1, 0.206549, 1.000000)]
    [InlineData(200, 10000, 0.017435, 0.022934)]
    [InlineData(50, 100, 0.403832, 0.596168)]
    public void Interval_KnownCases_MatchReference(double successes, double trials, double low, double high)
    {
        var (actualLow, actualHigh) = Wilson.Interval(successes, trials);

        // References are rounded to 6 decimals.
        Assert.Equal(low, actualLow, tolerance: 1e-6);
        Assert.Equal(high, actualHigh, tolerance: 1e-6);
    }

    [Fact]
    public void Interval_NoTrials_IsZeroWidth()
    {
        Assert.Equal((0.0, 0.0), Wilson.Interval(0, 0));
    }
}
