namespace Prefix.ClickHouse.Tests;

public sealed class InsertTests
{
    [Theory]
    [InlineData(2500, 1000, true)]
    [InlineData(2500, 1000, false)]
    [InlineData(1000, 1000, true)]
    [InlineData(1, 1000, true)]
    public async Task InsertAsync_MoreRowsThanBatch_InsertsEachRowOnce(int rows, int batch, bool gzip)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree() ORDER BY id");
        var pulled = 0;
        IEnumerable<object?[]> Source()
        {
            for (var i = 0; i < rows; i++)
            {
                pulled++;
                yield return [(ulong)i, $"row {i}"];
            }
        }

        var inserted = await db.Client.InsertAsync("t", ["id", "s"], Source(), new QueryOptions { InsertBatchSize = batch, CompressRequest = gzip });
        Assert.Equal(rows, inserted);
        Assert.Equal(rows, pulled);
        var stats = await db.Client.QueryRowsAsync("SELECT count(), uniqExact(id), min(id), max(id) FROM t").SingleAsync();
        Assert.Equal((ulong)rows, stats.GetUInt64(0));
        Assert.Equal((ulong)rows, stats.GetUInt64(1));
        Assert.Equal(0UL, stats.GetUInt64(2));
        Assert.Equal((ulong)rows - 1, stats.GetUInt64(3));
    }

    [Fact]
    public async Task InsertAsync_AsyncEnumerable_InsertsAllRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt32, tags Array(String), n Nullable(UInt8)) ENGINE = Memory");
        static async IAsyncEnumerable<object?[]> Source()
        {
            for (var i = 0u; i < 300; i++)
            {
                await Task.Yield();
                yield return [i, new List<string> { "a", $"b{i}" }, i % 2 == 0 ? null : (byte)1];
            }
        }

        Assert.Equal(300, await db.Client.InsertAsync("t", ["id", "tags", "n"], Source(), new QueryOptions { InsertBatchSize = 128 }));
        Assert.Equal(300, await db.CountAsync("t"));
        Assert.Equal(150, await db.Client.ExecuteScalarAsync<long>("SELECT count() FROM t WHERE n IS NULL"));
        Assert.Equal(["a", "b7"], (await db.Client.QueryRowsAsync("SELECT tags FROM t WHERE id = 7").SingleAsync()).GetStringArray(0));
    }

    [Fact]
    public async Task InsertAsync_NoRows_ReturnsZero()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64) ENGINE = Memory");
        Assert.Equal(0, await db.Client.InsertAsync("t", ["id"], Array.Empty<object?[]>()));
        Assert.Equal(0, await db.CountAsync("t"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InsertAsync_BadValueMidBatch_ThrowsArgumentExceptionAndInsertsNothingOfThatBatch(bool gzip)
    {
        await using var db = await TestDatabase.CreateAsync(o => o.CompressRequests = gzip);
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64, v UInt8) ENGINE = MergeTree() ORDER BY id");
        IEnumerable<object?[]> Source()
        {
            for (var i = 0; i < 200_000; i++)
            {
                yield return [(ulong)i, i == 150_000 ? 300 : (object)(byte)1];
            }
        }

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => db.Client.InsertAsync("t", ["id", "v"], Source()));
        Assert.Contains("'v'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.CountAsync("t"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InsertAsync_SourceThrowsInSecondBatch_KeepsFirstBatchOnlyAndRethrows(bool gzip)
    {
        await using var db = await TestDatabase.CreateAsync(o => o.CompressRequests = gzip);
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64, s String) ENGINE = MergeTree() ORDER BY id");
        static IEnumerable<object?[]> Source()
        {
            for (var i = 0; i < 400_000; i++)
            {
                if (i == 350_000)
                {
                    throw new InvalidOperationException("source broke");
                }

                yield return [(ulong)i, "some text to make the rows longer"];
            }
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => db.Client.InsertAsync("t", ["id", "s"], Source(), new QueryOptions { InsertBatchSize = 200_000 }));
        Assert.Equal("source broke", ex.Message);
        Assert.Equal(200_000, await db.CountAsync("t"));
    }

    [Fact]
    public async Task InsertAsync_UnknownColumn_ThrowsArgumentException()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64) ENGINE = Memory");
        await Assert.ThrowsAsync<ArgumentException>(() => db.Client.InsertAsync("t", ["nope"], [[1UL]]));
    }

    [Fact]
    public async Task InsertAsync_UnknownTable_ThrowsCode60()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(() => db.Client.InsertAsync("missing", ["id"], [[1UL]]));
        Assert.Equal(60, ex.Code);
    }

    [Fact]
    public async Task InsertAsync_WrongRowWidth_ThrowsArgumentException()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync("CREATE TABLE t (id UInt64, s String) ENGINE = Memory");
        await Assert.ThrowsAsync<ArgumentException>(() => db.Client.InsertAsync("t", ["id", "s"], [[1UL]]));
        Assert.Equal(0, await db.CountAsync("t"));
    }
}
