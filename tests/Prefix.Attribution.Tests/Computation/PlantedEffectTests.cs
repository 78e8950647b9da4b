using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Results;
using Xunit.Abstractions;

namespace Prefix.Attribution.Tests.Computation;

/// <summary>
/// Acceptance (issue 5): a synthetic collaboration with a planted true incremental effect is recovered within its
/// interval; with nothing planted the interval contains 0.
/// </summary>
public sealed class PlantedEffectTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private const int Audience = 20_000;
    private const double R0 = 0.02;

    /// <summary>
    /// B's audience of 20,000 keys (household = key pair). 10 % are regular A listeners (an A download every 14 days:
    /// always prior). Four earlier B episodes, 35 days apart so their pseudo windows never overlap, each heard by half
    /// of the audience; eligible keys convert with r0 within W. At t0, 60 % hear E_B; eligible exposed keys convert
    /// with r0, and exactly <paramref name="planted"/> of the rest convert on top: the true Δ.
    /// </summary>
    internal static AttributionInput Synthetic(int planted, int seed)
    {
        var random = new Random(seed);
        Guid showA = Guid.NewGuid(), showB = Guid.NewGuid(), episodeB = Guid.NewGuid();
        var episodesA = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var downloads = new List<QualifiedDownload>(120_000);
        var promoted = new List<DateTimeOffset>[Audience];
        string Key(int k) => $"d{k}";
        void AddA(int k, DateTimeOffset time)
        {
            (promoted[k] ??= []).Add(time);
            downloads.Add(new QualifiedDownload(Key(k), $"h{k / 2}", showA, episodesA[random.Next(episodesA.Length)], time));
        }

        void AddB(int k, Guid episode, DateTimeOffset time) =>
            downloads.Add(new QualifiedDownload(Key(k), $"h{k / 2}", showB, episode, time));

        DateTimeOffset Within(DateTimeOffset from, int days) => from.AddSeconds(random.Next(days * 86_400));

        var regular = new bool[Audience];
        for (var k = 0; k < Audience; k++)
        {
            if (random.NextDouble() < 0.10)
            {
                regular[k] = true;
                for (var t = T0.AddDays(-250 + random.Next(14)); t < T0.AddDays(100); t = t.AddDays(14))
                {
                    AddA(k, t);
                }
            }
        }

        var hostEpisodes = new List<HostEpisode> { new(episodeB, T0) };
        for (var i = 3; i >= 0; i--)
        {
            var aired = T0.AddDays(-61 - (35 * i));
            var episode = Guid.NewGuid();
            hostEpisodes.Add(new HostEpisode(episode, aired));
            for (var k = 0; k < Audience; k++)
            {
                if (random.NextDouble() >= 0.5)
                {
                    continue;
                }

                var tx = Within(aired, 3);
                AddB(k, episode, tx);
                if (!regular[k] && random.NextDouble() < R0)
                {
                    AddA(k, Within(tx, 30));
                }
            }
        }

        var candidates = new List<(int Key, DateTimeOffset Tx)>();
        for (var k = 0; k < Audience; k++)
        {
            if (random.NextDouble() >= 0.6)
            {
                continue;
            }

            var tx = Within(T0, 5);
            AddB(k, episodeB, tx);
            var prior = promoted[k]?.Any(t => t >= tx.AddDays(-90) && t < tx) ?? false;
            if (prior)
            {
                continue;
            }

            if (random.NextDouble() < R0)
            {
                AddA(k, Within(tx, 30));
            }
            else
            {
                candidates.Add((k, tx));
            }
        }

        foreach (var (k, tx) in candidates.OrderBy(_ => random.Next()).Take(planted))
        {
            AddA(k, Within(tx, 30));
        }

        return new AttributionInput
        {
            Collaboration = new Collaboration(Guid.NewGuid(), showA, showB, [episodeB], CollaborationKinds.Promo, T0, 3000, "USD"),
            Downloads = downloads,
            HostEpisodes = hostEpisodes,
            PromotedHistory = new ShowHistory(T0.AddDays(-400), 0.8),
        };
    }

    [Fact]
    public void Compute_PlantedEffect_RecoveredWithinIntervalAndSignificant()
    {
        const int trueDelta = 300;

        var result = AttributionCalculator.Compute(Synthetic(trueDelta, seed: 11), new AttributionParameters());
        Describe(result);

        Assert.Equal(Baselines.PrePeriod, result.Baseline);
        Assert.NotNull(result.Incremental);
        Assert.InRange(trueDelta, result.Incremental.Low, result.Incremental.High);
        Assert.True(result.Significant);
        Assert.NotNull(result.Lift);
        Assert.True(result.Lift.Low > 0);
        Assert.InRange(result.RControl!.Value, 0.017, 0.023);
        Assert.Equal(12, result.Sensitivity.Count);
        Assert.Equal(0.8, result.Coverage);
    }

    [Fact]
    public void Compute_NoPlantedEffect_IntervalContainsZero()
    {
        var result = AttributionCalculator.Compute(Synthetic(0, seed: 12), new AttributionParameters());
        Describe(result);

        Assert.Equal(Baselines.PrePeriod, result.Baseline);
        Assert.NotNull(result.Incremental);
        Assert.InRange(0, result.Incremental.Low, result.Incremental.High);
        Assert.False(result.Significant);
        Assert.Contains(result.Notes, n => n.StartsWith("not significant", StringComparison.Ordinal));
    }

    private void Describe(AttributionResult result)
    {
        output.WriteLine($"reach {result.Reach} eligible {result.Eligible} prior {result.PriorListeners} converted {result.NewConverted} retained {result.Retained}");
        output.WriteLine($"rExp {result.RExposed} rCtl {result.RControl} baseline {result.Baseline} delta {result.Incremental} lift {result.Lift}");
        foreach (var row in result.Sensitivity)
        {
            output.WriteLine(row.ToString());
        }

        foreach (var note in result.Notes)
        {
            output.WriteLine(note);
        }
    }
}
