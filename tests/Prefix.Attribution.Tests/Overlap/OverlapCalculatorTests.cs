using Prefix.Attribution.Model;
using Prefix.Attribution.Overlap;

namespace Prefix.Attribution.Tests.Overlap;

public sealed class OverlapCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(30);
    private static readonly Guid ShowA = Guid.NewGuid();
    private static readonly Guid ShowB = Guid.NewGuid();

    private static QualifiedDownload D(Guid show, string key, DateTimeOffset? time = null) =>
        new(key, "h:" + key.Split('#')[0], show, Guid.NewGuid(), time ?? Start.AddDays(1));

    /// <summary>A: k1..k10, B: k(11−both)..k(10+15−both)... i.e. |A| = a, |B| = b, |A∩B| = both.</summary>
    private static List<QualifiedDownload> Audiences(int a, int b, int both)
    {
        var downloads = new List<QualifiedDownload>();
        for (var i = 0; i < a; i++)
        {
            downloads.Add(D(ShowA, $"k{i}"));
        }

        for (var i = a - both; i < a - both + b; i++)
        {
            downloads.Add(D(ShowB, $"k{i}"));
        }

        return downloads;
    }

    [Fact]
    public void Compute_KnownAudiences_CountsAndShares()
    {
        var result = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End), Audiences(10, 15, 5));

        Assert.Equal(new OverlapResult(ShowA, ShowB, 10, 15, 5, 5.0 / 20, 0.5, 5.0 / 15, false), result);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void Compute_FewerThanFiveInBoth_Suppressed(int both)
    {
        var result = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End), Audiences(10, 15, both));

        Assert.True(result.Suppressed);
        Assert.Null(result.Both);
        Assert.Null(result.Jaccard);
        Assert.Null(result.ShareOfAInB);
        Assert.Null(result.ShareOfBInA);
        Assert.Equal(10, result.AudienceA);
    }

    [Fact]
    public void Compute_SmallAudience_Withheld()
    {
        var result = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End), Audiences(3, 15, 3));

        Assert.Null(result.AudienceA);
        Assert.True(result.Suppressed);
    }

    [Fact]
    public void Compute_PeriodStartInclusiveEndExclusive()
    {
        var downloads = Audiences(10, 15, 5);
        downloads.Add(D(ShowA, "edge-in", Start));
        downloads.Add(D(ShowA, "edge-out", End));
        downloads.Add(D(ShowA, "before", Start.AddTicks(-1)));

        var result = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End), downloads);

        Assert.Equal(11, result.AudienceA);
    }

    [Fact]
    public void Compute_HouseholdKey_MergesDevices()
    {
        var downloads = new List<QualifiedDownload>();
        for (var i = 0; i < 6; i++)
        {
            downloads.Add(D(ShowA, $"k{i}#phone"));
            downloads.Add(D(ShowB, $"k{i}#car"));
        }

        var device = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End, KeyModes.Device), downloads);
        var household = OverlapCalculator.Compute(new OverlapQuery(ShowA, ShowB, Start, End, KeyModes.Household), downloads);

        Assert.True(device.Suppressed);
        Assert.Equal(6, household.Both);
        Assert.Equal(1.0, household.Jaccard);
    }

    [Fact]
    public void Validate_BadQueries_Message()
    {
        Assert.NotNull(new OverlapQuery(ShowA, ShowB, End, Start).Validate());
        Assert.NotNull(new OverlapQuery(ShowA, ShowA, Start, End).Validate());
        Assert.NotNull(new OverlapQuery(ShowA, ShowB, Start, End, "ip").Validate());
    }
}
