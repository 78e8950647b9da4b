namespace Prefix.Attribution.Statistics;

/// <summary>Wilson score interval for a proportion (ATTRIBUTION.md, "Outputs": Wilson for r_exp and r_ctl).</summary>
public static class Wilson
{
    /// <summary>95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Interval for <paramref name="successes"/> out of <paramref name="trials"/>; (0, 0) when there are no trials.
    /// Successes may be fractional (fractionally credited conversions).
    /// </summary>
    public static (double Low, double High) Interval(double successes, double trials, double z = Z95)
    {
        if (trials <= 0)
        {
            return (0, 0);
        }

        var p = Math.Clamp(successes / trials, 0, 1);
        var z2 = z * z;
        var denominator = 1 + (z2 / trials);
        var center = (p + (z2 / (2 * trials))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4 * trials * trials)));
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
