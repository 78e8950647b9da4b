using System.Diagnostics;

namespace Prefix.ClickHouse.Tests;

public sealed class ReaderTests
{
    [Fact]
    public async Task QueryRowsAsync_HugeResult_StreamsFirstRowsWithoutReadingAll()
    {
        await using var db = await TestDatabase.CreateAsync();
        var watch = Stopwatch.StartNew();
        var first = new List<ulong>();

        // Ten billion rows cannot be buffered; getting the first ten quickly proves streaming.
        await foreach (var row in db.Client.QueryRowsAsync("SELECT number FROM system.numbers LIMIT 10000000000"))
        {
            first.Add(row.GetUInt64(0));
            if (first.Count == 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), first);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        Assert.Equal(1, await db.Client.ExecuteScalarAsync<int>("SELECT 1")); // the client is still usable
    }

    [Fact]
    public async Task Getters_NullableArraysAndDates_DecodeEachType()
    {
        await using var db = await TestDatabase.CreateAsync();
        var sql = "SELECT toNullable(toUInt64(5)) AS a, CAST(NULL AS Nullable(String)) AS b, [toNullable(1), NULL, 3] AS c, "
            + "toDateTime('2020-01-01 09:00:00', 'Asia/Tokyo') AS d, toDate(0) AS e, toDateTime(0) AS f, "
            + "[toFloat32(0.1), nan] AS g, toFloat32(0.1) AS h, ['x\\ty', 'q\\'z', ''] AS i, toFixedString('ab', 3) AS j, [[1]] AS k";
        var row = await db.Client.QueryRowsAsync(sql).SingleAsync();
        Assert.Equal(11, row.FieldCount);
        Assert.Equal("Nullable(UInt64)", row.GetTypeName(0));
        Assert.Equal(5UL, row.GetUInt64(row.GetOrdinal("a")));
        Assert.Equal(5UL, row.GetFieldValue<ulong?>(0));
        Assert.True(row.IsNull(1));
        Assert.Null(row.GetFieldValue<string>(1));
        Assert.Null(row.GetFieldValue<int?>(1));
        Assert.Throws<InvalidCastException>(() => row.GetString(1));
        Assert.Equal([1L, null, 3L], row.GetInt64Array(2));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), row.GetDateTime(3));
        Assert.Equal(DateTime.UnixEpoch, row.GetDateTime(4));
        Assert.Equal(DateTime.UnixEpoch, row.GetDateTime(5));
        var floats = row.GetDoubleArray(6);
        Assert.Equal((double)0.1f, floats[0]);
        Assert.True(double.IsNaN(floats[1]!.Value));
        Assert.Equal(0.1f, row.GetFieldValue<float>(7));
        Assert.Equal(["x\ty", "q'z", string.Empty], row.GetStringArray(8));
        Assert.Equal("ab\0"u8.ToArray(), row.GetBytes(9));
        Assert.Throws<NotSupportedException>(() => row.GetInt64Array(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => row.GetOrdinal("missing"));
    }

    [Fact]
    public async Task ExecuteScalarAsync_NoRows_ReturnsDefault()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(0L, await db.Client.ExecuteScalarAsync<long>("SELECT 1 WHERE 0"));
        Assert.Null(await db.Client.ExecuteScalarAsync<string>("SELECT 'a' WHERE 0"));
        Assert.Empty(await db.Client.QueryRowsAsync("SELECT number FROM system.numbers LIMIT 0").ToListAsync());
    }

    [Fact]
    public async Task QueryAsync_MapAndDatabaseOption_ReadsFromThatDatabase()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (k String, v UInt32) ENGINE = Memory");
        await db.Client.ExecuteAsync("INSERT INTO t VALUES ('a', 1), ('b', 2)");
        using var other = db.NewClient(o => o.Database = "default");
        var rows = await other.QueryAsync("SELECT k, v FROM t ORDER BY k", r => (r.GetString(0), r.GetInt32(1)), new QueryOptions { Database = db.Name }).ToListAsync();
        Assert.Equal([("a", 1), ("b", 2)], rows);
    }

    [Fact]
    public async Task Client_ParallelQueries_AllSucceed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var sums = await Task.WhenAll(Enumerable.Range(1, 16).Select(n =>
            db.Client.ExecuteScalarAsync<ulong>($"SELECT sum(number) FROM numbers({ClickHouseSql.Literal(n * 1000)})")));
        var expected = Enumerable.Range(1, 16).Select(n => (ulong)(n * 1000L * ((n * 1000L) - 1) / 2)).ToArray();
        Assert.Equal(expected, sums.Select(s => s).ToArray());
    }
}
