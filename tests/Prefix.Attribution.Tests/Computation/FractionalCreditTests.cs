using Prefix.Attribution.Computation;
using Prefix.Attribution.Model;
using Prefix.Attribution.Tests.Support;

namespace Prefix.Attribution.Tests.Computation;

public sealed class FractionalCreditTests
{
    private static readonly DateTimeOffset T0 = Scenario.T0;
    private static readonly TimeSpan W = TimeSpan.FromDays(30);

    [Fact]
    public void Split_TwoCollaborationsWithinWindow_HalfEach()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();

        var shares = FractionalCredit.Split(T0.AddDays(5), [(a, T0), (b, T0.AddDays(4))], W);

        Assert.Equal(0.5, shares[a]);
        Assert.Equal(0.5, shares[b]);
    }

    [Fact]
    public void Split_ExposureAfterConversionOrOutsideWindow_GetsNothing()
    {
        Guid a = Guid.NewGuid(), late = Guid.NewGuid(), old = Guid.NewGuid(), edge = Guid.NewGuid();

        var shares = FractionalCredit.Split(
            T0.AddDays(30), [(a, T0.AddDays(1)), (late, T0.AddDays(31)), (old, T0.AddSeconds(-1)), (edge, T0)], W);

        Assert.Equal(2, shares.Count);             // a and edge (ty = tx + W is inside)
        Assert.Equal(1.0, shares.Values.Sum(), 12);
        Assert.False(shares.ContainsKey(late));
        Assert.False(shares.ContainsKey(old));
    }

    [Fact]
    public void Compute_SharedConversion_CreditedHalf()
    {
        var s = new Scenario();
        var showC = Guid.NewGuid();
        var episodeC = Guid.NewGuid();
        s.Others.Add(new Collaboration(Guid.NewGuid(), s.ShowA, showC, [episodeC], CollaborationKinds.Guest, T0));
        s.B("k1", T0).A("k1", T0.AddDays(2))
            .B("k2", T0).A("k2", T0.AddDays(2));
        s.Downloads.Add(new QualifiedDownload("k1", "h:k1", showC, episodeC, T0.AddDays(1)));

        var result = AttributionCalculator.Compute(s.Input(), new AttributionParameters(), new AttributionOptions { MinCellSize = 1 });

        Assert.Equal(2, result.NewConverted);
        Assert.Equal(0.75, result.RExposed!.Value, 12);   // (0.5 + 1) / 2
        Assert.Contains(result.Notes, n => n.Contains("equal fractions", StringComparison.Ordinal));
    }
}
