namespace Prefix.Counting.Tests;

public class ThresholdTests
{
    [Theory]
    [InlineData(4_000_000L, 1_000.0, 0L, 240_000L)] // COUNTING.md example
    [InlineData(4_100_000L, 1_000.0, 100_000L, 340_000L)] // ID3: H + ceil(60·(S−H)/D)
    [InlineData(1_000_001L, 3_000.0, 0L, 20_001L)] // ceil(20,000.02)
    [InlineData(1_000_000L, 61.0, 0L, 983_607L)] // ceil(983,606.557…)
    [InlineData(500_000L, 60.0, 0L, 500_000L)] // D ≤ 60 s: whole file
    [InlineData(500_000L, 59.5, 0L, 500_000L)]
    [InlineData(500_000L, 0.0, 0L, 500_000L)] // unknown duration stored as 0
    [InlineData(500_000L, -1.0, 0L, 500_000L)] // unknown duration stored as -1
    [InlineData(500_000L, 1_000.0, 600_000L, 500_000L)] // H outside the file: whole file
    [InlineData(4_000_000L, 1_000.0, -1L, 240_000L)] // unknown H stored as -1 reads as 0
    public void Bytes_KnownSize_FollowsFormula(long size, double duration, long id3, long expected)
    {
        Assert.Equal(expected, Threshold.Bytes(new EpisodeFacts(size, duration, id3)));
    }

    [Fact]
    public void Bytes_UnknownDuration_WholeFile()
    {
        Assert.Equal(123_456L, Threshold.Bytes(new EpisodeFacts(123_456, null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Bytes_UnknownSize_Null(long? size)
    {
        Assert.Null(Threshold.Bytes(new EpisodeFacts(size, 1_000)));
        Assert.Null(Threshold.Bytes(null));
    }
}
