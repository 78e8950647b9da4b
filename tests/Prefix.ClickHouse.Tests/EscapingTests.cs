using System.Text;

namespace Prefix.ClickHouse.Tests;

public sealed class EscapingTests
{
    public static TheoryData<string> HostileStrings() => [.. RowGenerator.HostileStrings, new string('\'', 50_000), "a\\", "\\\\'", "é\u0301", "\U0010FFFF"];

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Literal_HostileString_SelectReturnsExactBytes(string value)
    {
        await using var db = await TestDatabase.CreateAsync();
        var row = await db.Client.QueryRowsAsync($"SELECT {ClickHouseSql.Literal(value)}, hex({ClickHouseSql.Literal(value)})").SingleAsync();
        var expected = Encoding.UTF8.GetBytes(value);
        Assert.Equal(expected, row.GetBytes(0));
        Assert.Equal(value, row.GetString(0));
        Assert.Equal(Convert.ToHexString(expected), row.GetString(1));
    }

    [Fact]
    public async Task Literal_ThousandsOfRandomStringsAndBytes_RoundTripExactly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var random = new Random(20240611);
        const int PerQuery = 100;
        for (var query = 0; query < 40; query++)
        {
            var values = new List<byte[]>();
            var literals = new List<string>();
            for (var k = 0; k < PerQuery; k++)
            {
                if (k % 2 == 0)
                {
                    var text = RandomString(random);
                    values.Add(Encoding.UTF8.GetBytes(text));
                    literals.Add(ClickHouseSql.Literal(text));
                }
                else
                {
                    var bytes = new byte[random.Next(0, 40)];
                    random.NextBytes(bytes);
                    values.Add(bytes);
                    literals.Add(ClickHouseSql.Literal(bytes));
                }
            }

            // hex() checks the server's parse independently of our TSV decoding.
            var sql = "SELECT " + string.Join(", ", literals.Select((l, i) => $"{l} AS v{i}, hex({l}) AS h{i}"));
            var row = await db.Client.QueryRowsAsync(sql).SingleAsync();
            for (var k = 0; k < PerQuery; k++)
            {
                Assert.Equal(values[k], row.GetBytes(2 * k));
                Assert.Equal(Convert.ToHexString(values[k]), row.GetString((2 * k) + 1));
            }
        }
    }

    [Fact]
    public void Literal_UnpairedSurrogate_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Literal("a\uD800b"));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Literal("\uDC00"));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public async Task Literal_Int64_SelectReturnsValue(long value)
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(value, await db.Client.ExecuteScalarAsync<long>($"SELECT toInt64({ClickHouseSql.Literal(value)})"));
        Assert.Equal(value, await db.Client.ExecuteScalarAsync<long>($"SELECT {ClickHouseSql.Literal(value)}"));
    }

    [Fact]
    public async Task Literal_UInt64Max_SelectReturnsValue()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(ulong.MaxValue, await db.Client.ExecuteScalarAsync<ulong>($"SELECT {ClickHouseSql.Literal(ulong.MaxValue)}"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.0)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(0.1)]
    [InlineData(-1e-300)]
    [InlineData(1.0)]
    [InlineData(-2.2250738585072009E-308)]
    [InlineData(1e300)]
    public async Task Literal_Double_SelectReturnsSameBits(double value)
    {
        await using var db = await TestDatabase.CreateAsync();
        var actual = await db.Client.ExecuteScalarAsync<double>($"SELECT toFloat64({ClickHouseSql.Literal(value)})");
        Assert.Equal(double.IsNaN(value) ? double.NaN : value, actual);
        if (!double.IsNaN(value))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Fact]
    public async Task Literal_DateTimeGuidDateAndArrays_SelectReturnsValues()
    {
        await using var db = await TestDatabase.CreateAsync();
        var when = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);
        var id = Guid.Parse("61f0c404-5cb3-11e7-907b-a6006ad3dba0");
        var sql = $"SELECT {ClickHouseSql.Literal(when)}, {ClickHouseSql.Literal(id)}, {ClickHouseSql.Literal(new DateOnly(2030, 1, 2))}, "
            + $"{ClickHouseSql.Literal(["a'b", "c\\d", "\t"])}, {ClickHouseSql.Literal(new ulong[] { 1, ulong.MaxValue })}, {ClickHouseSql.Literal(new long[] { -5, 7 })}, {ClickHouseSql.Null}";
        var row = await db.Client.QueryRowsAsync(sql).SingleAsync();
        Assert.Equal(when, row.GetDateTime(0));
        Assert.Equal(DateTimeKind.Utc, row.GetDateTime(0).Kind);
        Assert.Equal(id, row.GetUuid(1));
        Assert.Equal(new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc), row.GetDateTime(2));
        Assert.Equal(["a'b", "c\\d", "\t"], row.GetStringArray(3));
        Assert.Equal([1UL, ulong.MaxValue], row.GetFieldValue<ulong[]>(4));
        Assert.Equal([-5L, 7L], row.GetFieldValue<long[]>(5));
        Assert.True(row.IsNull(6));
    }

    public static TheoryData<string> HostileIdentifiers() =>
    [
        "a`b", "a\\b", "`", "x'; DROP TABLE y; --", "name with spaces", "ünïcödé", "😀", "a.b", "../etc/passwd", "select",
        "\"quoted\"", "semi;colon", "/*comment*/", "back\\`tick", new string('n', ClickHouseSql.MaxIdentifierLength),
    ];

    [Theory]
    [MemberData(nameof(HostileIdentifiers))]
    public async Task Identifier_HostileName_CreatesInsertsAndSelectsExactly(string name)
    {
        await using var db = await TestDatabase.CreateAsync();
        var table = ClickHouseSql.Identifier(db.Name, name);
        await db.Client.ExecuteAsync($"CREATE TABLE {table} ({ClickHouseSql.Identifier(name)} String, other UInt8) ENGINE = Memory");
        Assert.Equal(1, await db.Client.InsertAsync(name, [name, "other"], [["v", (byte)1]]));
        var row = await db.Client.QueryRowsAsync($"SELECT {ClickHouseSql.Identifier(name)} FROM {table}").SingleAsync();
        Assert.Equal(name, row.GetName(0));
        Assert.Equal("v", row.GetString(0));
        var tables = await db.Client.QueryAsync($"SELECT name FROM system.tables WHERE database = {ClickHouseSql.Literal(db.Name)}", r => r.GetString(0)).ToListAsync();
        Assert.Equal([name], tables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("tab\there")]
    public void Identifier_InvalidName_ThrowsArgumentException(string name) =>
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier(name));

    [Fact]
    public void Identifier_UnpairedSurrogate_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier(new string('\uD800', 1)));
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier("a" + new string('\uDC00', 1)));
    }

    [Fact]
    public void Identifier_TooLong_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Identifier(new string('a', ClickHouseSql.MaxIdentifierLength + 1)));

    private const string Specials = "'\\\t\n\r\0`\"";

    private static string RandomString(Random random)
    {
        var length = random.Next(0, 60);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(10))
            {
                case 0: text.Append(Specials[random.Next(Specials.Length)]); break;
                case 1: text.Append((char)random.Next(0, 32)); break;
                case 2: text.Append((char)random.Next(0x80, 0xD800)); break;
                case 3: text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF))); break;
                case 4: text.Append("'; DROP TABLE x; --"); break;
                default: text.Append((char)random.Next(32, 127)); break;
            }
        }

        return text.ToString();
    }
}
