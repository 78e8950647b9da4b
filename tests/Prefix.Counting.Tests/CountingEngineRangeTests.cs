using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

/// <summary>Stage 2 byte rules through the engine; <see cref="TestHits.Standard"/> has T = 240,000.</summary>
public class CountingEngineRangeTests
{
    private static readonly DateTimeOffset s_t = At("2026-11-02T10:00:00Z");

    [Theory]
    [InlineData("bytes=0-239999", CountingMode.Prefix, true)] // inclusive end: exactly 240,000 bytes = T
    [InlineData("bytes=0-239999", CountingMode.Strict, true)]
    [InlineData("bytes=0-239998", CountingMode.Prefix, false)]
    [InlineData("bytes=0-239998", CountingMode.Strict, false)]
    [InlineData("", CountingMode.Prefix, true)] // no Range: intent to fetch the whole file
    [InlineData("", CountingMode.Strict, true)]
    [InlineData("bytes=0-", CountingMode.Strict, true)] // open range to the end
    [InlineData("bytes=3760000-", CountingMode.Prefix, true)] // open range: 240,000 requested bytes
    [InlineData("bytes=3760000-", CountingMode.Strict, false)] // …but not [0, T−1]
    [InlineData("bytes=3760001-", CountingMode.Prefix, false)]
    [InlineData("bytes=-240000", CountingMode.Prefix, true)] // suffix: the last 240,000 bytes
    [InlineData("bytes=-239999", CountingMode.Prefix, false)]
    [InlineData("bytes=-240000", CountingMode.Strict, false)]
    [InlineData("bytes=-4000000", CountingMode.Strict, true)] // suffix as long as the file
    [InlineData("bytes=1000-240999", CountingMode.Prefix, true)] // prefix: length counts wherever it lies
    [InlineData("bytes=1000-240999", CountingMode.Strict, false)] // strict: gap at [0, 999]
    [InlineData("bytes=0-99999, 100000-239999", CountingMode.Strict, true)] // multi-range, adjacent members
    [InlineData("bytes=0-99999, 100001-240000", CountingMode.Strict, false)] // one byte missing
    [InlineData("bytes=0-99999, 100001-240000", CountingMode.Prefix, true)] // 240,000 bytes requested
    [InlineData("bytes=0-49999,50000-99999,200000-339999", CountingMode.Prefix, true)]
    [InlineData("bytes=5000000-, 0-239999", CountingMode.Strict, true)] // unsatisfiable member ignored
    public void Count_SingleHitRange_QualifiesPerMode(string range, CountingMode mode, bool qualifies)
    {
        var result = Count(Standard, mode, Get(s_t, range));

        Assert.Equal(qualifies ? 1 : 0, result.Downloads.Count);
        Assert.Equal(1, result.EligibleHits);
    }

    [Theory]
    [InlineData(CountingMode.Prefix)]
    [InlineData(CountingMode.Strict)]
    public void Count_AdjacentRangesAcrossHits_MergeToWholeShortFile(CountingMode mode)
    {
        // S = 200, D = 30 s (short: T = S). 0-99 + 100-199 = 200 bytes only if adjacent ranges merge.
        var result = Count(new EpisodeFacts(200, 30), mode, Get(s_t, "bytes=0-99"), Get(s_t.AddSeconds(1), "bytes=100-199"));

        var download = Assert.Single(result.Downloads);
        Assert.Equal(200L, download.Bytes);
        Assert.Equal(s_t.AddSeconds(1), download.QualifiedAt);
    }

    [Theory]
    [InlineData(60.0, "bytes=0-499998", false)] // D ≤ 60 s: the whole file is needed
    [InlineData(60.0, "bytes=0-499999", true)]
    [InlineData(59.0, "bytes=0-449999", false)]
    [InlineData(61.0, "bytes=0-491803", true)] // T = ceil(60·500,000/61) = 491,804 bytes → last byte 491,803
    [InlineData(61.0, "bytes=0-491802", false)]
    public void Count_ShortFile_WholeFileNeeded(double duration, string range, bool qualifies)
    {
        var facts = new EpisodeFacts(500_000, duration);

        var result = Count(facts, CountingMode.Strict, Get(s_t, range));

        Assert.Equal(qualifies ? 1 : 0, result.Downloads.Count);
    }

    [Theory]
    [InlineData("bytes=0-339999", true)] // T = 100,000 + ceil(60·4,000,000/1,000) = 340,000
    [InlineData("bytes=0-339998", false)]
    public void Count_Id3Header_AddedToThreshold(string range, bool qualifies)
    {
        var facts = new EpisodeFacts(4_100_000, 1_000, 100_000);

        var result = Count(facts, CountingMode.Strict, Get(s_t, range));

        Assert.Equal(qualifies ? 1 : 0, result.Downloads.Count);
    }

    [Fact]
    public void Count_UnknownDuration_WholeFileNeeded()
    {
        var facts = new EpisodeFacts(4_000_000, null);

        Assert.Empty(Count(facts, CountingMode.Prefix, Get(s_t, "bytes=0-3999998")).Downloads);
        Assert.Single(Count(facts, CountingMode.Prefix, Get(s_t, "bytes=0-3999999")).Downloads);
    }

    [Theory]
    [InlineData("bytes=0-1000", CountingMode.Prefix, true)] // unknown S: any eligible non-probe GET
    [InlineData("bytes=-500", CountingMode.Prefix, true)]
    [InlineData("bytes=900000-", CountingMode.Prefix, true)]
    [InlineData("", CountingMode.Prefix, true)]
    [InlineData("bytes=0-1000", CountingMode.Strict, false)] // strict: cannot show the first minute
    [InlineData("bytes=-500", CountingMode.Strict, false)]
    [InlineData("bytes=0-", CountingMode.Strict, true)] // …unless the whole file from byte 0 was asked for
    [InlineData("", CountingMode.Strict, true)]
    [InlineData("bytes=0-0", CountingMode.Prefix, false)] // still tiny
    public void Count_UnknownSize_PrefixAnyGetStrictWholeFile(string range, CountingMode mode, bool qualifies)
    {
        var result = Count(null, mode, Get(s_t, range));

        Assert.Equal(qualifies ? 1 : 0, result.Downloads.Count);
    }

    [Fact]
    public void Count_UnknownSizeStrictRangesMergeToOpen_Qualifies()
    {
        var result = Count(null, CountingMode.Strict, Get(s_t, "bytes=0-999"), Get(s_t.AddSeconds(1), "bytes=1000-"));

        var download = Assert.Single(result.Downloads);
        Assert.Null(download.Bytes);
    }

    [Fact]
    public void Count_UnknownSizeProbeAlonePrefix_ProbeDownload()
    {
        var result = Count(null, CountingMode.Prefix, Get(s_t, "bytes=0-1"));

        Assert.True(Assert.Single(result.Downloads).Probe);
    }

    [Fact]
    public void Count_ProbeWithPartialRangePrefix_ProbeDownloadKeepsRequestedBytes()
    {
        // Nothing else qualified, so the probe counts; it adds no bytes of its own.
        var result = Count(Standard, CountingMode.Prefix, Get(s_t, "bytes=0-1"), Get(s_t.AddSeconds(1), "bytes=0-9999"));

        var download = Assert.Single(result.Downloads);
        Assert.True(download.Probe);
        Assert.Equal(s_t, download.QualifiedAt);
        Assert.Equal(10_000L, download.Bytes);
    }

    [Fact]
    public void Count_ProbeWithPartialRangeStrict_NoDownload()
    {
        var result = Count(Standard, CountingMode.Strict, Get(s_t, "bytes=0-1"), Get(s_t.AddSeconds(1), "bytes=0-9999"));

        Assert.Empty(result.Downloads);
        Assert.Equal(1, result.UnqualifiedWindows);
    }

    [Fact]
    public void Count_BadAndTinyRanges_RejectedWithReasons()
    {
        var result = Count(Standard, CountingMode.Prefix,
            Get(s_t, "bytes=5-3"),
            Get(s_t.AddSeconds(1), "bytes=4000000-"),
            Get(s_t.AddSeconds(2), "bytes=0-0"),
            Get(s_t.AddSeconds(3), "bytes=7-8"));

        Assert.Empty(result.Downloads);
        Assert.Equal(2, result.Rejections[RejectionReasons.BadRange]);
        Assert.Equal(2, result.Rejections[RejectionReasons.TinyRange]);
        Assert.Equal(0, result.EligibleHits);
    }
}
