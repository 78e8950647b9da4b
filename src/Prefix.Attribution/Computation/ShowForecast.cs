using Prefix.Attribution.Results;
using Prefix.Attribution.Statistics;

namespace Prefix.Attribution.Computation;

/// <summary>
/// Baseline 4 (ATTRIBUTION.md, "Baseline": show-level forecast, no identity matching). A's daily new listeners —
/// keys whose A download has no earlier A download within L — over the span [day(t0), day(t0) + P + W) are
/// compared with a weekday-seasonal forecast: the mean of the same weekday over the prior 8 weeks (UTC days).
/// The interval comes from resampling the forecast's daily residuals of those 8 weeks (fixed seed).
/// </summary>
internal static class ShowForecast
{
    public static ForecastOutcome Compute(
        ShowDownloads? promoted,
        DateTimeOffset t0,
        TimeSpan span,
        TimeSpan lookback,
        DateTimeOffset? trackedSince,
        IReadOnlySet<Guid> dropped,
        int weeks,
        int resamples,
        int seed)
    {
        var day0 = new DateTimeOffset(t0.UtcDateTime.Date, TimeSpan.Zero);
        var trainingDays = weeks * 7;
        var spanDays = (int)Math.Ceiling(span.TotalDays);
        var counts = new double[trainingDays + spanDays];
        if (promoted is not null)
        {
            foreach (var hits in promoted.ByKey.Values)
            {
                DateTimeOffset? previous = null;
                foreach (var hit in hits)
                {
                    if (dropped.Contains(hit.EpisodeId))
                    {
                        continue;
                    }

                    if (previous is null || previous.Value < hit.Time - lookback)
                    {
                        var day = (int)Math.Floor((hit.Time - day0).TotalDays) + trainingDays;
                        if (day >= 0 && day < counts.Length)
                        {
                            counts[day]++;
                        }
                    }

                    previous = hit.Time;
                }
            }
        }

        // Weekday means over the training weeks; index = day offset modulo 7 (same weekday every 7 days).
        var means = new double[7];
        for (var d = 0; d < trainingDays; d++)
        {
            means[d % 7] += counts[d] / weeks;
        }

        var residuals = new double[trainingDays];
        for (var d = 0; d < trainingDays; d++)
        {
            residuals[d] = counts[d] - means[d % 7];
        }

        double actual = 0;
        double forecast = 0;
        for (var d = 0; d < spanDays; d++)
        {
            actual += counts[trainingDays + d];
            forecast += means[(trainingDays + d) % 7];
        }

        var delta = actual - forecast;
        var random = new Random(seed);
        var sums = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (var d = 0; d < spanDays; d++)
            {
                sum += residuals[random.Next(trainingDays)];
            }

            sums[b] = sum;
        }

        Array.Sort(sums);
        // Actual = forecast + error, so Δ's interval is Δ minus the error's quantiles.
        var estimate = new Estimate(delta, delta - Percentile.OfSorted(sums, 0.975), delta - Percentile.OfSorted(sums, 0.025));
        var enough = trackedSince is null || trackedSince.Value <= day0.AddDays(-trainingDays) - lookback;
        return new ForecastOutcome(actual, forecast, estimate, enough);
    }
}
