using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Prefix.ClickHouse.Tests;

public sealed class RoundTripTests
{
    private readonly ITestOutputHelper _output;

    public RoundTripTests(ITestOutputHelper output) => _output = output;

    private static readonly Dictionary<string, string> LowCardinality = new() { ["allow_experimental_low_cardinality_type"] = "1" };

    [Fact]
    public async Task InsertAsync_MillionHostileRows_ReadBackExactly()
    {
        const int Rows = 1_000_000;
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.ExecuteAsync(
            $"CREATE TABLE t ({RowGenerator.TableColumns}) ENGINE = MergeTree() ORDER BY id",
            new QueryOptions { Settings = LowCardinality });

        var watch = Stopwatch.StartNew();
        var inserted = await db.Client.InsertAsync("t", RowGenerator.Columns, Generate(Rows), new QueryOptions { Timeout = TimeSpan.FromMinutes(2) });
        var insertTime = watch.Elapsed;
        Assert.Equal(Rows, inserted);

        watch.Restart();
        long compared = 0;
        var sql = $"SELECT {string.Join(", ", RowGenerator.Columns)} FROM t ORDER BY id";
        await foreach (var row in db.Client.QueryRowsAsync(sql, new QueryOptions { Timeout = TimeSpan.FromMinutes(2) }))
        {
            var expected = RowGenerator.Row(compared);
            AssertRow(expected, row, compared);
            compared++;
        }

        Assert.Equal(Rows, compared);
        _output.WriteLine($"insert {insertTime.TotalSeconds:0.0} s, read and compare {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(insertTime + watch.Elapsed < TimeSpan.FromSeconds(60), $"insert {insertTime}, read {watch.Elapsed}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InsertAsync_GzipOnOrOff_RoundTripsRows(bool gzip)
    {
        await using var db = await TestDatabase.CreateAsync(o => o.CompressRequests = gzip);
        await db.Client.ExecuteAsync($"CREATE TABLE t ({RowGenerator.TableColumns}) ENGINE = MergeTree() ORDER BY id", new QueryOptions { Settings = LowCardinality });
        Assert.Equal(5000, await db.Client.InsertAsync("t", RowGenerator.Columns, Generate(5000)));
        long i = 0;
        await foreach (var row in db.Client.QueryRowsAsync($"SELECT {string.Join(", ", RowGenerator.Columns)} FROM t ORDER BY id"))
        {
            AssertRow(RowGenerator.Row(i), row, i);
            i++;
        }

        Assert.Equal(5000, i);
    }

    internal static IEnumerable<object?[]> Generate(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return RowGenerator.Row(i);
        }
    }

    internal static void AssertRow(object?[] expected, ClickHouseRow row, long index)
    {
        for (var c = 0; c < expected.Length; c++)
        {
            var ok = expected[c] switch
            {
                null => row.IsNull(c),
                string s => row.GetBytes(c).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(s)),
                byte[] b => row.GetBytes(c).AsSpan().SequenceEqual(b),
                ulong u => row.GetUInt64(c) == u,
                uint u => row.GetUInt64(c) == u,
                ushort u => row.GetUInt64(c) == u,
                byte u => row.GetUInt64(c) == u,
                long l => row.GetInt64(c) == l,
                int l => row.GetInt64(c) == l,
                short l => row.GetInt64(c) == l,
                sbyte l => row.GetInt64(c) == l,
                float f => SameDouble(f, row.GetDouble(c)),
                double d => SameDouble(d, row.GetDouble(c)),
                DateOnly d => row.GetDateTime(c) == d.ToDateTime(TimeOnly.MinValue),
                DateTime t => row.GetDateTime(c) == t && row.GetDateTime(c).Kind == DateTimeKind.Utc,
                Guid g => row.GetUuid(c) == g,
                string[] a => row.GetBytesArray(c).Select(x => x!).SequenceEqual(a.Select(Encoding.UTF8.GetBytes), ByteArrayComparer.Instance),
                ulong[] a => row.GetUInt64Array(c).SequenceEqual(a.Select(x => (ulong?)x)),
                _ => throw new InvalidOperationException($"unexpected {expected[c]!.GetType()}"),
            };
            Assert.True(ok, $"row {index}, column {row.GetName(c)} ({row.GetTypeName(c)}): expected {Show(expected[c])}");
        }
    }

    // Bitwise except that any NaN equals any NaN (text formats do not carry NaN payloads).
    private static bool SameDouble(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] b => Convert.ToHexString(b),
        string s => Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
