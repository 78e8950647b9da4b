using Feed.Updater.Fetching;

namespace Feed.Updater.Tests.Fetching;

/// <summary>The ID3v2 header reader on hand-built headers.</summary>
public sealed class Id3HeaderTests
{
    [Theory]
    // v2.3, size 00 00 02 01 = 2 × 128 + 1 = 257 → 257 + 10.
    [InlineData("49 44 33 03 00 00 00 00 02 01", 267)]
    // v2.4 with the footer flag, size 00 01 00 00 = 128² = 16384 → 16384 + 10 + 10.
    [InlineData("49 44 33 04 00 10 00 01 00 00", 16404)]
    // v2.4 without footer, size 7f 7f 7f 7f = 2^28 − 1.
    [InlineData("49 44 33 04 00 00 7f 7f 7f 7f", 268435465)]
    // v2.2: no footer, the flag bit means nothing there.
    [InlineData("49 44 33 02 00 10 00 00 00 0a", 20)]
    // v2.3 with the 0x10 bit set is not a footer (footers exist only in v2.4).
    [InlineData("49 44 33 03 00 10 00 00 00 0a", 20)]
    public void TagSize_ValidHeader_IsSizePlusHeaderAndFooter(string hex, long expected) =>
        Assert.Equal(expected, Id3Header.TagSize(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));

    [Theory]
    // An MPEG audio frame sync: no tag.
    [InlineData("ff fb 90 64 00 00 00 00 00 00")]
    // A syncsafe byte with its high bit set.
    [InlineData("49 44 33 03 00 00 00 00 80 01")]
    // Versions outside 2–4.
    [InlineData("49 44 33 05 00 00 00 00 00 01")]
    [InlineData("49 44 33 01 00 00 00 00 00 01")]
    // Revision 0xFF.
    [InlineData("49 44 33 03 ff 00 00 00 00 01")]
    // Too short.
    [InlineData("49 44 33 03 00 00 00 00")]
    [InlineData("")]
    public void TagSize_NotAnId3Header_IsZero(string hex) =>
        Assert.Equal(0, Id3Header.TagSize(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));
}
