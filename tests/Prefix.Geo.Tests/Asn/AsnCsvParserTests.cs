using System.Text;
using Prefix.Geo.Asn;

namespace Prefix.Geo.Tests.Asn;

public sealed class AsnCsvParserTests
{
    [Theory]
    [InlineData("16778240,16779263,38803,Gtelecom Pty Ltd", "16778240", "16779263", "38803", "Gtelecom Pty Ltd")]
    [InlineData("16777216,16777471,13335,\"Cloudflare, Inc.\"", "16777216", "16777471", "13335", "Cloudflare, Inc.")]
    [InlineData("35309568,35313663,201907,\"LLC \"\"SPUTNIK\"\"\"", "35309568", "35313663", "201907", "LLC \"SPUTNIK\"")]
    [InlineData("1,2,3,\"\"\"Quoted\"\", then, commas\"", "1", "2", "3", "\"Quoted\", then, commas")]
    [InlineData("2001::,2001::ffff,6939,Hurricane Electric LLC", "2001::", "2001::ffff", "6939", "Hurricane Electric LLC")]
    [InlineData("\"1\",\"2\",\"3\",\"\"", "1", "2", "3", "")]
    [InlineData("1,2,3,", "1", "2", "3", "")]
    [InlineData("1,2,3,\"\"\"\"", "1", "2", "3", "\"")]
    [InlineData("1,2,3,Société Générale", "1", "2", "3", "Société Générale")]
    public void TryParse_ValidRow_Fields(string line, string start, string end, string asn, string organization)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var scratch = new byte[bytes.Length];

        Assert.True(AsnCsvParser.TryParse(bytes, scratch, out var startField, out var endField, out var asnField, out var organizationField));

        Assert.Equal(start, Encoding.UTF8.GetString(startField));
        Assert.Equal(end, Encoding.UTF8.GetString(endField));
        Assert.Equal(asn, Encoding.UTF8.GetString(asnField));
        Assert.Equal(organization, Encoding.UTF8.GetString(organizationField));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,2,3")]
    [InlineData("1,2,3,Org,extra")]
    [InlineData("1,2,3,\"unterminated")]
    [InlineData("1,2,3,\"closed\"early")]
    [InlineData("1,2,3,\"Org, Inc.\",extra")]
    public void TryParse_MalformedRow_False(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.False(AsnCsvParser.TryParse(bytes, new byte[bytes.Length], out _, out _, out _, out _));
    }
}
