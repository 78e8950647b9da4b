using System.Diagnostics;
using Prefix.ClickHouse;
using Prefix.Testing.Pipeline;

namespace Prefix.Pipeline.Tests.Support;

/// <summary>Reads the pipeline's <c>hits</c> table: the marker <c>n=&lt;i&gt;</c> in each target URL names the request.</summary>
internal sealed class HitStore(LocalPipeline pipeline) : IDisposable
{
    private readonly ClickHouseClient _client = new(new ClickHouseOptions
    {
        Endpoint = pipeline.ClickHouseUri,
        Database = pipeline.Database,
        Timeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    });

    public ClickHouseClient Client => _client;

    public async Task<long> ScalarAsync(string sql) => await _client.ExecuteScalarAsync<long>(sql);

    /// <summary>Per marker: distinct hit ids and physical rows.</summary>
    public async Task<Dictionary<int, (long Distinct, long Rows)>> MarkersAsync()
    {
        var markers = new Dictionary<int, (long, long)>();
        var sql = $"SELECT toUInt32OrZero(extract(target_url, {ClickHouseSql.Literal("[?&]n=([0-9]+)")})) AS n, uniqExact(hit_id), count() FROM hits GROUP BY n";
        await foreach (var row in _client.QueryRowsAsync(sql))
        {
            markers[(int)row.GetUInt64(0)] = (row.GetInt64(1), row.GetInt64(2));
        }

        return markers;
    }

    /// <summary>Polls until every expected marker has a row; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForMarkersAsync(IReadOnlyCollection<int> expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var missing = expected.Count;
        while (clock.Elapsed < timeout)
        {
            try
            {
                var present = await MarkersAsync();
                missing = expected.Count(n => !present.ContainsKey(n));
                if (missing == 0)
                {
                    return clock.Elapsed;
                }
            }
            catch (ClickHouseException)
            {
                // ClickHouse may still be starting after a restart.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{missing} of {expected.Count} redirected hits still missing in ClickHouse after {timeout}.\n{Tail(pipeline.Output)}");
    }

    public void Dispose() => _client.Dispose();

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
