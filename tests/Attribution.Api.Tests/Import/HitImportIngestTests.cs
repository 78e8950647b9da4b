using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Prefix.ClickHouse;
using Prefix.Hosting.Configuration;
using Prefix.Hosting.Health;
using Prefix.Ingest;
using Prefix.Testing;
using Prefix.Testing.Servers;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Attribution.Api.Tests.Import;

/// <summary>Import → Redis Stream → the real ingest worker → ClickHouse <c>hits</c> (its own database).</summary>
public sealed class HitImportIngestTests(ImportGeoFixture geo) : IClassFixture<ImportGeoFixture>
{
    [Fact]
    public async Task Import_NdjsonAndCombinedLines_RowsInHitsWithSourceImportStatusAndBytes()
    {
        await using var api = await ImportApi.StartAsync(geo.Lookup);
        var database = $"import_it_{Guid.NewGuid():N}";
        var endpoint = await SharedServers.ClickHouseUriAsync();
        using (var admin = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint }))
        {
            await ClickHouseMigrator.ApplyAsync(admin, Path.Combine(RepositoryPaths.Root, "deploy", "clickhouse", "migrations"), database);
        }

        using var clickHouse = new ClickHouseClient(new ClickHouseOptions { Endpoint = endpoint, Database = database });
        var options = MsOptions.Create(new IngestOptions
        {
            Stream = api.Stream,
            Group = "ingest",
            Consumer = "import-test",
            ParkedStream = api.Stream + ":parked",
            Block = TimeSpan.FromMilliseconds(200),
            DataDirectory = RepositoryPaths.DataDirectory,
        });
        await using var workerRedis = new RedisConnectionProvider(MsOptions.Create(new RedisSettings { EndPoint = await SharedServers.RedisEndpointAsync() }));
        using var metrics = new IngestMetrics();
        using var worker = new HitIngestWorker(options, workerRedis, clickHouse, new HitIngestMapperFactory(options, TimeProvider.System), metrics, TimeProvider.System, NullLogger<HitIngestWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
            var ndjson = new StringBuilder();
            for (var i = 0; i < 200; i++)
            {
                ndjson.Append($$"""{"ts":"{{day.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ}}","ip":"198.51.100.{{i % 50 + 1}}","ua":"AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0 like Mac OS X; en_us)","url":"https://cdn.example.com/show/ep1.mp3","method":"GET","range":"bytes=0-","status":206,"bytes":{{i * 1000}}}""").Append('\n');
            }

            using (var response = await PostAsync(api, ndjson.ToString(), "application/x-ndjson", string.Empty))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var time = day.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
            var combined = $"203.0.113.9 - - [{time}] \"GET /show/ep2.mp3 HTTP/1.1\" 200 4321 \"-\" \"curl/8.0\"\n";
            using (var response = await PostAsync(api, combined, "text/x-nginx-log", "?host=cdn.example.com"))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await clickHouse.ExecuteScalarAsync<long>("SELECT count() FROM hits") < 201)
            {
                Assert.True(DateTime.UtcNow < deadline, "the ingest did not store the 201 imported hits within 30 s");
                await Task.Delay(100);
            }

            Assert.Equal(201, await clickHouse.ExecuteScalarAsync<long>("SELECT countIf(source = 'import') FROM hits"));
            Assert.Equal(200, await clickHouse.ExecuteScalarAsync<long>("SELECT countIf(status = 206 AND range = 'bytes=0-' AND listener_key != '' AND household_key != '') FROM hits"));
            Assert.Equal(199 * 200 / 2 * 1000L, await clickHouse.ExecuteScalarAsync<long>("SELECT sum(bytes_served) FROM hits WHERE status = 206"));
            Assert.Equal(1, await clickHouse.ExecuteScalarAsync<long>("SELECT countIf(status = 200 AND bytes_served = 4321 AND is_bot = 1 AND target_url = 'https://cdn.example.com/show/ep2.mp3') FROM hits"));
            Assert.Equal(1, await clickHouse.ExecuteScalarAsync<long>("SELECT uniqExact(episode_key) FROM hits WHERE status = 206"));
            Assert.Equal(200, await clickHouse.ExecuteScalarAsync<long>("SELECT count() FROM hits WHERE status = 206 AND ts_ms % 60000 = 0 AND is_bot = 0"));
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.StopAsync(stop.Token);
            await clickHouse.ExecuteAsync($"DROP DATABASE IF EXISTS {database}", new QueryOptions { Database = "default" });
            await api.Redis.ExecuteAsync("DEL", api.Stream + ":parked");
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(ImportApi api, string body, string contentType, string query)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await api.Http.PostAsync("v1/hits/import" + query, content);
    }
}
