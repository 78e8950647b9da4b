namespace Prefix.Attribution.Statistics;

/// <summary>
/// A baseline's control group as clusters, one per key: how many (pseudo-)exposures of the key were eligible and
/// how many of those converted. The pre-period baseline can see a key several times; resampling whole keys keeps
/// its repeated trials together.
/// </summary>
internal sealed class ControlGroup
{
    public ControlGroup(int[] trials, double[] successes)
    {
        ClusterTrials = trials;
        ClusterSuccesses = successes;
        Trials = trials.Sum();
        Successes = successes.Sum();
    }

    public int[] ClusterTrials { get; }

    public double[] ClusterSuccesses { get; }

    /// <summary>Eligible control (pseudo-)exposures.</summary>
    public int Trials { get; }

    /// <summary>Their conversions.</summary>
    public double Successes { get; }

    public double Rate => Trials == 0 ? 0 : Successes / Trials;

    /// <summary>Builds the clusters from per-key (trials, successes) tallies.</summary>
    public static ControlGroup FromTallies(IReadOnlyDictionary<string, (int Trials, int Successes)> tallies)
    {
        var trials = new int[tallies.Count];
        var successes = new double[tallies.Count];
        var i = 0;
        // Ordinal key order makes the cluster order, and with it the seeded bootstrap, independent of hashing.
        foreach (var pair in tallies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            trials[i] = pair.Value.Trials;
            successes[i] = pair.Value.Successes;
            i++;
        }

        return new ControlGroup(trials, successes);
    }
}
