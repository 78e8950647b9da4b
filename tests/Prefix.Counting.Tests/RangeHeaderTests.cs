namespace Prefix.Counting.Tests;

public class RangeHeaderTests
{
    // Expected intervals as "start-endExclusive" pairs; "open" marks an end unknown because S is unknown.
    [Theory]
    [InlineData("", 1000L, "WholeFile", "")]
    [InlineData("   ", 1000L, "WholeFile", "")]
    [InlineData("bytes=0-239999", 4_000_000L, "Ranges", "0-240000")]
    [InlineData("bytes=0-", 4_000_000L, "Ranges", "0-4000000")]
    [InlineData("bytes=3760000-", 4_000_000L, "Ranges", "3760000-4000000")]
    [InlineData("bytes=-240000", 4_000_000L, "Ranges", "3760000-4000000")]
    [InlineData("bytes=-9999999", 4_000_000L, "Ranges", "0-4000000")]
    [InlineData("bytes=0-99999999", 4_000_000L, "Ranges", "0-4000000")]
    [InlineData("bytes=0-99, 100-199", 1000L, "Ranges", "0-100,100-200")]
    [InlineData("BYTES = 0 - 99 ,, 500-599 ", 1000L, "Ranges", "0-100,500-600")]
    [InlineData("bytes=\t0-99,\t-100", 1000L, "Ranges", "0-100,900-1000")]
    [InlineData("bytes=2000-3000, 0-500", 1000L, "Ranges", "0-501")]
    [InlineData("bytes=0-", null, "Ranges", "0-open")]
    [InlineData("bytes=10-20", null, "Ranges", "10-21")]
    [InlineData("bytes=-500", null, "Ranges", "")]
    [InlineData("bytes=0-1", 1000L, "Probe", "")]
    [InlineData(" bytes = 0 - 1 ", null, "Probe", "")]
    [InlineData("bytes=0-0", 1000L, "Tiny", "")]
    [InlineData("bytes=100-101", 1000L, "Tiny", "")]
    [InlineData("bytes=0-1, 5-6", 1000L, "Tiny", "")]
    [InlineData("bytes=-2", 1000L, "Tiny", "")]
    [InlineData("bytes=999-", 1000L, "Tiny", "")]
    [InlineData("bytes=998-5000", 1000L, "Tiny", "")]
    [InlineData("bytes=abc", 1000L, "Bad", "")]
    [InlineData("bytes=", 1000L, "Bad", "")]
    [InlineData("bytes=,", 1000L, "Bad", "")]
    [InlineData("bytes=-", 1000L, "Bad", "")]
    [InlineData("bytes=5-3", 1000L, "Bad", "")]
    [InlineData("bytes=0-99, 5-3", 1000L, "Bad", "")]
    [InlineData("items=0-5", 1000L, "Bad", "")]
    [InlineData("0-100", 1000L, "Bad", "")]
    [InlineData("bytes 0-100", 1000L, "Bad", "")]
    [InlineData("bytes=1-2-3", 1000L, "Bad", "")]
    [InlineData("bytes=+1-5", 1000L, "Bad", "")]
    [InlineData("bytes=99999999999999999999-", 1000L, "Bad", "")]
    [InlineData("bytes=-0", 1000L, "Bad", "")]
    [InlineData("bytes=1000-", 1000L, "Bad", "")]
    [InlineData("bytes=2000-3000", 1000L, "Bad", "")]
    public void Parse_Header_ClassifiesAndPlacesInclusiveRanges(string header, long? size, string outcome, string intervals)
    {
        var output = new List<ByteInterval>();

        var result = RangeHeader.Parse(header, size, output);

        Assert.Equal(outcome, result.ToString());
        var text = string.Join(",", output.Select(i => $"{i.Start}-{(i.IsOpen ? "open" : i.End.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        Assert.Equal(intervals, text);
    }
}
