using Prefix.Attribution.Results;

namespace Prefix.Attribution.Statistics;

/// <summary>
/// Percentile bootstrap over keys for Δ and lift (ATTRIBUTION.md, "Outputs": ≥ 1,000 resamples, fixed seed).
/// Exposed keys and control clusters are resampled independently (a stratified bootstrap): each resample draws
/// R_e exposed keys and as many control clusters as there are, with replacement, and recomputes
/// Δ* = R_e × (r_exp* − r_ctl*) and lift* = (r_exp* − r_ctl*) / r_ctl*.
/// </summary>
internal static class KeyBootstrap
{
    public static (Estimate Delta, Estimate? Lift) Run(
        IReadOnlyList<double> exposedOutcomes,
        ControlGroup control,
        int resamples,
        int seed)
    {
        var n = exposedOutcomes.Count;
        var m = control.ClusterTrials.Length;
        var rExposed = n == 0 ? 0 : exposedOutcomes.Sum() / n;
        var deltaPoint = n * (rExposed - control.Rate);
        double? liftPoint = control.Rate > 0 ? (rExposed - control.Rate) / control.Rate : null;
        if (n == 0 || m == 0 || control.Trials == 0)
        {
            return (new Estimate(deltaPoint, deltaPoint, deltaPoint), null);
        }

        // System.Random with a seed uses the same (compat) algorithm on every runtime: reproducible intervals.
        var random = new Random(seed);
        var deltas = new double[resamples];
        var lifts = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            double exposedSum = 0;
            for (var i = 0; i < n; i++)
            {
                exposedSum += exposedOutcomes[random.Next(n)];
            }

            long controlTrials = 0;
            double controlSuccesses = 0;
            for (var j = 0; j < m; j++)
            {
                var pick = random.Next(m);
                controlTrials += control.ClusterTrials[pick];
                controlSuccesses += control.ClusterSuccesses[pick];
            }

            var rExp = exposedSum / n;
            var rCtl = controlTrials == 0 ? 0 : controlSuccesses / controlTrials;
            deltas[b] = n * (rExp - rCtl);
            if (rCtl > 0)
            {
                lifts.Add((rExp - rCtl) / rCtl);
            }
        }

        Array.Sort(deltas);
        lifts.Sort();
        var delta = new Estimate(deltaPoint, Percentile.OfSorted(deltas, 0.025), Percentile.OfSorted(deltas, 0.975));
        var lift = liftPoint is { } value && lifts.Count > 0
            ? new Estimate(value, Percentile.OfSorted(lifts, 0.025), Percentile.OfSorted(lifts, 0.975))
            : null;
        return (delta, lift);
    }
}
