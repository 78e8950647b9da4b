using System.Text;
using Prefix.Geo.Asn;

namespace Prefix.Geo.Tests.Asn;

public sealed class AsnFileReaderTests
{
    [Fact]
    public void ParseIPv4_NumericAndDottedRows_RangesWithSharedOrganizations()
    {
        const string Csv =
            "\uFEFFip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization\r\n" +
            "16777216,16777471,13335,\"Cloudflare, Inc.\"\r\n" +
            "1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd\r\n" +
            "\r\n" +
            "16793600,16809983,13335,\"Cloudflare, Inc.\"\r\n" +
            "16809984,16827647,64512,\n";
        var pool = new OrganizationPool();

        var rows = AsnFileReader.ParseIPv4(Encoding.UTF8.GetBytes(Csv), "inline.csv", pool);

        Assert.Equal(
            [
                new AsnRange<uint>(16777216, 16777471, 13335, 0),
                new AsnRange<uint>(0x01000400, 0x010007FF, 38803, 1),
                new AsnRange<uint>(16793600, 16809983, 13335, 0),
                new AsnRange<uint>(16809984, 16827647, 64512, -1),
            ],
            rows);
        Assert.Equal(["Cloudflare, Inc.", "Gtelecom Pty Ltd"], pool.ToArray());
    }

    [Fact]
    public void ParseIPv6_TextualAndNumericRows_Ranges()
    {
        const string Csv =
            "2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project\n" +
            "42540528726795050063891204319802818560,42540528806023212578155541913346768895,2500,WIDE Project";
        var pool = new OrganizationPool();

        var rows = AsnFileReader.ParseIPv6(Encoding.UTF8.GetBytes(Csv), "inline.csv", pool);

        Assert.Equal(2, rows.Count);
        Assert.Equal(UInt128.Parse("42540528726795050063891204319802818560", System.Globalization.CultureInfo.InvariantCulture), rows[0].Start);
        Assert.Equal(new UInt128(0x2001_0200_01b9_ffff, ulong.MaxValue), rows[0].End);
        Assert.Equal(rows[0].Start, rows[1].Start);
        Assert.Equal(1, pool.Count);
    }

    [Theory]
    [InlineData("1,2,3,A\n5,4,3,B", 2)]          // start after end
    [InlineData("1,2,3,A\n1,2,x,B", 2)]          // ASN not a number
    [InlineData("1,2,3,A\n1,2,3,A\n::1,2,3,C", 3)] // IPv6 bound in the IPv4 file
    [InlineData("1,2,3,A\n1,2,3,\"B", 2)]        // unterminated quote
    public void ParseIPv4_MalformedRow_ThrowsNamingSourceAndLine(string csv, int line)
    {
        var exception = Assert.Throws<InvalidDataException>(
            () => AsnFileReader.ParseIPv4(Encoding.UTF8.GetBytes(csv), "asn.csv", new OrganizationPool()));

        Assert.StartsWith($"asn.csv:{line}:", exception.Message, StringComparison.Ordinal);
    }
}
