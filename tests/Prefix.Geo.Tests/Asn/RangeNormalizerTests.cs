using Prefix.Geo.Asn;

namespace Prefix.Geo.Tests.Asn;

public sealed class RangeNormalizerTests
{
    [Fact]
    public void Normalize_DisjointSortedRows_Unchanged()
    {
        AsnRange<uint>[] rows = [new(0, 9, 1, 0), new(20, 29, 2, 1), new(30, 39, 3, 2)];

        Assert.Equal(rows, RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_PartialOverlap_NarrowerWinsTheOverlap()
    {
        // The shape of the DoD rows in the published file: AS749's wide block runs into AS721's.
        AsnRange<uint>[] rows = [new(0, 99, 749, 0), new(90, 109, 721, 1)];

        Assert.Equal([new(0, 89, 749, 0), new AsnRange<uint>(90, 109, 721, 1)], RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_NestedRows_OuterResumesAfterInner()
    {
        AsnRange<uint>[] rows = [new(0, 99, 1, 0), new(10, 19, 2, 1), new(15, 16, 3, 2), new(50, 59, 4, 3)];

        AsnRange<uint>[] expected =
        [
            new(0, 9, 1, 0), new(10, 14, 2, 1), new(15, 16, 3, 2), new(17, 19, 2, 1),
            new(20, 49, 1, 0), new(50, 59, 4, 3), new(60, 99, 1, 0),
        ];
        Assert.Equal(expected, RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_WiderRowStartingInside_DoesNotSplitTheNarrowOne()
    {
        AsnRange<uint>[] rows = [new(10, 19, 2, 1), new(15, 99, 1, 0)];

        Assert.Equal([new(10, 19, 2, 1), new AsnRange<uint>(20, 99, 1, 0)], RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_DuplicateRow_LaterWins()
    {
        AsnRange<uint>[] rows = [new(0, 9, 1, 0), new(0, 9, 2, 1)];

        Assert.Equal([new AsnRange<uint>(0, 9, 2, 1)], RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_UnsortedRows_Sorted()
    {
        AsnRange<uint>[] rows = [new(30, 39, 3, 2), new(0, 9, 1, 0), new(20, 29, 2, 1)];

        Assert.Equal([new(0, 9, 1, 0), new(20, 29, 2, 1), new AsnRange<uint>(30, 39, 3, 2)], RangeNormalizer.Normalize(rows));
    }

    [Fact]
    public void Normalize_RangeToTopOfAddressSpace_Terminates()
    {
        AsnRange<UInt128>[] rows = [new(0, UInt128.MaxValue, 1, 0), new(UInt128.MaxValue - 1, UInt128.MaxValue, 2, 1)];

        Assert.Equal(
            [new(0, UInt128.MaxValue - 2, 1, 0), new AsnRange<UInt128>(UInt128.MaxValue - 1, UInt128.MaxValue, 2, 1)],
            RangeNormalizer.Normalize(rows));
    }

    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(9u, 1u)]
    [InlineData(10u, 2u)]
    [InlineData(16u, 3u)]
    [InlineData(19u, 2u)]
    [InlineData(20u, 1u)]
    [InlineData(99u, 1u)]
    [InlineData(100u, 0u)]
    [InlineData(uint.MaxValue, 0u)]
    public void TryFind_NormalizedNestedRows_NarrowestCoveringRow(uint address, uint expectedAsn)
    {
        var table = new AsnRangeTable<uint>(RangeNormalizer.Normalize([new AsnRange<uint>(0, 99, 1, 0), new(10, 19, 2, 1), new(15, 16, 3, 2)]));

        var found = table.TryFind(address, out var asn, out _);

        Assert.Equal(expectedAsn != 0, found);
        Assert.Equal(expectedAsn, asn);
    }

    [Theory]
    [InlineData(0x0000_0000u, 0u)]
    [InlineData(0x0000_FFFFu, 0u)]
    [InlineData(0x0001_0000u, 1u)]
    [InlineData(0x0002_1234u, 1u)] // inside a range that started two /16 blocks earlier
    [InlineData(0x0003_FFFFu, 1u)]
    [InlineData(0x0004_0000u, 0u)]
    [InlineData(0x0005_000Fu, 0u)]
    [InlineData(0x0005_0010u, 2u)]
    [InlineData(0x0005_0021u, 0u)]
    [InlineData(0x0005_FFFFu, 3u)]
    [InlineData(0xFFFF_FFFEu, 3u)]
    [InlineData(0xFFFF_FFFFu, 4u)]
    public void TryFind_RangesAcrossBlocks_CoveringRow(uint address, uint expectedAsn)
    {
        var table = new AsnRangeTable<uint>(
        [
            new(0x0001_0000, 0x0003_FFFF, 1, 0),
            new(0x0005_0010, 0x0005_0020, 2, 0),
            new(0x0005_FF00, 0xFFFF_FFFE, 3, 0),
            new(0xFFFF_FFFF, 0xFFFF_FFFF, 4, 0),
        ]);

        table.TryFind(address, out var asn, out _);

        Assert.Equal(expectedAsn, asn);
    }

    [Fact]
    public void TryFind_IPv6RangeAcrossBlocks_Found()
    {
        var start = new UInt128(0x2001_0000_0000_0000, 0);
        var end = new UInt128(0x2003_FFFF_FFFF_FFFF, ulong.MaxValue);
        var table = new AsnRangeTable<UInt128>([new(start, end, 6939, 0)]);

        Assert.True(table.TryFind(new UInt128(0x2002_0808_0808_0000, 1), out var asn, out _));
        Assert.Equal(6939u, asn);
        Assert.False(table.TryFind(end + 1, out _, out _));
        Assert.False(table.TryFind(start - 1, out _, out _));
    }
}
