namespace Prefix.Counting.Tests;

public class ByteIntervalSetTests
{
    [Theory]
    [InlineData("0-100,100-200", 200L, 1)] // adjacent (0-99 + 100-199) merge: 200 bytes, one interval
    [InlineData("0-150000,100000-200000", 200_000L, 1)] // overlap: union, not the naive 250,000
    [InlineData("0-100,200-300", 200L, 2)]
    [InlineData("200-300,0-100,100-200", 300L, 1)]
    [InlineData("50-60,0-1000", 1000L, 1)]
    [InlineData("0-10,20-30,40-50,5-45", 50L, 1)]
    [InlineData("0-10,0-10,0-10", 10L, 1)]
    [InlineData("30-40,10-20,50-60", 30L, 3)]
    public void Add_Intervals_LengthIsUnionLength(string intervals, long length, int count)
    {
        var set = new ByteIntervalSet();

        foreach (var pair in intervals.Split(','))
        {
            var parts = pair.Split('-');
            set.Add(new ByteInterval(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(length, set.Length);
        Assert.Equal(count, set.Count);
    }

    [Fact]
    public void Add_OpenInterval_LengthUnknownAndCoversFromZero()
    {
        var set = new ByteIntervalSet();
        set.Add(new ByteInterval(0, 100));
        set.Add(new ByteInterval(100, ByteInterval.Open));

        Assert.True(set.IsUnbounded);
        Assert.Null(set.Length);
        Assert.True(set.CoversFromZero(ByteInterval.Open));
    }

    [Fact]
    public void CoversFromZero_GapBeforeEnd_False()
    {
        var set = new ByteIntervalSet();
        set.Add(new ByteInterval(0, 100));
        set.Add(new ByteInterval(101, 300));

        Assert.True(set.CoversFromZero(100));
        Assert.False(set.CoversFromZero(101));
    }
}
