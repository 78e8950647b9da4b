using System.Diagnostics;
using System.Globalization;
using System.Text;
using Prefix.ClickHouse;

namespace Prefix.Bench;

/// <summary>
/// Inserts the same hits-like rows with curl (TabSeparated from a file, the reference) and with our client
/// (RowBinary, streamed), into a throwaway database on the given server. Loopback only, bounded by row count.
/// </summary>
internal static class ClickHouseInsertBench
{
    private const int Rows = 2_000_000;
    private const int Repetitions = 3;
    private const string Schema =
        "(ts DateTime, ts_ms UInt64, episode_key String, request_url String, user_agent String, listener_key String, "
        + "country String, asn UInt32, key_id UInt16, is_bot UInt8) ENGINE = MergeTree() PARTITION BY toYYYYMM(ts) ORDER BY (episode_key, ts)";

    private static readonly string[] Columns =
        ["ts", "ts_ms", "episode_key", "request_url", "user_agent", "listener_key", "country", "asn", "key_id", "is_bot"];

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(Uri clickHouse, CancellationToken ct)
    {
        if (!clickHouse.IsLoopback)
        {
            throw new ArgumentException("The insert benchmark only runs against a loopback ClickHouse.", nameof(clickHouse));
        }

        var database = $"bench_{Guid.NewGuid():N}";
        var options = new ClickHouseOptions { Endpoint = clickHouse, Database = database, Timeout = TimeSpan.FromMinutes(5) };
        using var client = new ClickHouseClient(options);
        var file = Path.Combine(Path.GetTempPath(), $"prefix-bench-{Guid.NewGuid():N}.tsv");
        await client.ExecuteAsync($"CREATE DATABASE {ClickHouseSql.Identifier(database)}", new QueryOptions { Database = "default" }, ct).ConfigureAwait(false);
        try
        {
            foreach (var table in new[] { "t_curl", "t_ours", "t_gzip" })
            {
                await client.ExecuteAsync($"CREATE TABLE {ClickHouseSql.Identifier(table)} {Schema}", null, ct).ConfigureAwait(false);

                // Background merges of one side's parts would steal the 2 cores from the other side's insert.
                await client.ExecuteAsync($"SYSTEM STOP MERGES {ClickHouseSql.Identifier(database, table)}", null, ct).ConfigureAwait(false);
            }

            await WriteTsvAsync(file, ct).ConfigureAwait(false);
            var megabytes = new FileInfo(file).Length / 1e6;

            double curl = 0, ours = 0, gzip = 0;
            for (var run = 0; run < Repetitions; run++)
            {
                curl = Math.Max(curl, await TimeAsync(client, "t_curl", () => CurlAsync(clickHouse, database, file, ct), ct).ConfigureAwait(false));
                ours = Math.Max(ours, await TimeAsync(client, "t_ours", () => OursAsync(client, "t_ours", compress: false, ct), ct).ConfigureAwait(false));
                gzip = Math.Max(gzip, await TimeAsync(client, "t_gzip", () => OursAsync(client, "t_gzip", compress: true, ct), ct).ConfigureAwait(false));
            }

            var how = $"{Rows:N0} rows × 10 cols (hits-like), best of {Repetitions}; reference curl --data-binary @{megabytes:0} MB TSV FORMAT TabSeparated";
            return
            [
                new BenchResult("ClickHouse insert (ours RowBinary vs curl TSV, no compression)", "rows/s", ours, curl, 0.8,
                    $"{how}; ours InsertAsync RowBinary, batches of {options.InsertBatchSize:N0}, rows generated on the fly, gzip-framed stored (level 0) blocks as the client always frames"),
                new BenchResult("ClickHouse insert gzip (ours RowBinary+gzip vs curl TSV plain)", "rows/s", gzip, curl, 0.8,
                    $"{how}; ours with Content-Encoding: gzip (fastest level), which pays off only off loopback"),
            ];
        }
        finally
        {
            File.Delete(file);
            await client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(database)}", new QueryOptions { Database = "default" }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Empties the table, runs the insert, checks every row arrived, and returns rows per second.</summary>
    private static async Task<double> TimeAsync(ClickHouseClient client, string table, Func<Task> insert, CancellationToken ct)
    {
        await client.ExecuteAsync($"TRUNCATE TABLE {ClickHouseSql.Identifier(table)}", null, ct).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await insert().ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var count = await client.ExecuteScalarAsync<long>($"SELECT count() FROM {ClickHouseSql.Identifier(table)}", null, ct).ConfigureAwait(false);
        if (count != Rows)
        {
            throw new InvalidOperationException($"{table} has {count} rows after inserting {Rows}.");
        }

        return Rows / seconds;
    }

    private static Task<long> OursAsync(ClickHouseClient client, string table, bool compress, CancellationToken ct) =>
        client.InsertAsync(table, Columns, Generate(), new QueryOptions { CompressRequest = compress }, ct);

    private static async Task CurlAsync(Uri clickHouse, string database, string file, CancellationToken ct)
    {
        var query = $"INSERT INTO {ClickHouseSql.Identifier(database, "t_curl")} FORMAT TabSeparated";
        var info = new ProcessStartInfo("curl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-sS", "--fail-with-body", "--data-binary", $"@{file}", new Uri(clickHouse, $"?query={Uri.EscapeDataString(query)}").AbsoluteUri })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("curl did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl exited {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    private static async Task WriteTsvAsync(string path, CancellationToken ct)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
            await using (writer.ConfigureAwait(false))
            {
                var line = new StringBuilder();
                var inv = CultureInfo.InvariantCulture;
                foreach (var row in Generate())
                {
                    line.Clear();
                    line.Append(inv, $"{((DateTime)row[0]!):yyyy-MM-dd HH:mm:ss}\t{row[1]}\t{row[2]}\t{row[3]}\t{row[4]}\t{row[5]}\t{row[6]}\t{row[7]}\t{row[8]}\t{row[9]}\n");
                    await writer.WriteAsync(line, ct).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Deterministic rows from small pools, so generation costs little and both sides send equal data.</summary>
    private static IEnumerable<object?[]> Generate()
    {
        // The pools hold no tab, newline or backslash, so the TSV needs no escaping and stays byte-identical in meaning.
        string[] agents =
        [
            "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; en_us)",
            "Spotify/8.9.36 Android/34 (SM-S918B)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)",
            "PocketCasts/1.0 (Pocket Casts; +https://pocketcasts.com)",
        ];
        string[] countries = ["US", "DE", "GB", "FR", "BR", "IN", "JP", ""];
        var episodes = Enumerable.Range(0, 500).Select(i => $"show-{i % 37}/episode-{i}").ToArray();
        var urls = episodes.Select(e => $"https://cdn.example.com/{e}.mp3").ToArray();
        var listeners = Enumerable.Range(0, 4096).Select(i => Convert.ToHexStringLower(BitConverter.GetBytes((ulong)i * 0x9E3779B97F4A7C15))).ToArray();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var ts = start.AddSeconds(i / 20);
            var episode = (i * 7) % episodes.Length;
            yield return
            [
                ts,
                (ulong)(ts - DateTime.UnixEpoch).TotalMilliseconds + (ulong)(i % 1000),
                episodes[episode],
                urls[episode],
                agents[i % agents.Length],
                listeners[(i * 31) % listeners.Length],
                countries[i % countries.Length],
                (uint)(i % 65_000),
                (ushort)(i % 3),
                (byte)(i % 17 == 0 ? 1 : 0),
            ];
        }
    }
}
