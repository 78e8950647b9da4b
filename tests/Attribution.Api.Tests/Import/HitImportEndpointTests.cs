using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Prefix.Core.Hits;
using Prefix.Core.Privacy;

namespace Attribution.Api.Tests.Import;

public sealed class HitImportEndpointTests(ImportGeoFixture geo) : IClassFixture<ImportGeoFixture>
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddHours(3);

    [Fact]
    public async Task Import_ThousandNdjsonLinesAndTenBad_ThousandEntriesWithoutRawIp()
    {
        await using var api = await ImportApi.StartAsync(geo.Lookup);
        var body = new StringBuilder();
        var badLines = new List<long>();
        var line = 0L;
        for (var i = 0; i < 1000; i++)
        {
            if (i % 100 == 50)
            {
                line++;
                badLines.Add(line);
                body.Append("{\"ts\":\"").Append(Start.AddSeconds(i).ToString("O")).Append("\",\"ip\":\"999.1.1.1\",\"url\":\"https://cdn.example.com/a.mp3\",\"method\":\"GET\"}\n");
            }

            line++;
            body.Append(JsonSerializer.Serialize(new
            {
                ts = Start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ip = Ip(i),
                ua = i % 7 == 0 ? string.Empty : $"Agent/{i % 5}",
                url = $"https://cdn.example.com/show/ep{i % 3}.mp3",
                method = i % 10 == 0 ? "HEAD" : "GET",
                range = i % 2 == 0 ? "bytes=0-" : null,
                referer = (string?)null,
                status = 200 + (i % 2 * 6),
                bytes = i * 10L,
            })).Append('\n');
        }

        using var response = await PostAsync(api, body.ToString(), "application/x-ndjson");
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(answer);
        Assert.Equal(1000, json.RootElement.GetProperty("accepted").GetInt64());
        Assert.Equal(10, json.RootElement.GetProperty("rejected").GetInt64());
        Assert.False(json.RootElement.GetProperty("rejectionsTruncated").GetBoolean());
        var rejections = json.RootElement.GetProperty("rejections").EnumerateArray().ToList();
        Assert.Equal(badLines, rejections.Select(r => r.GetProperty("line").GetInt64()));
        Assert.All(rejections, r => Assert.StartsWith("ip is not an IPv4 or IPv6 address literal", r.GetProperty("reason").GetString(), StringComparison.Ordinal));

        var entries = await api.Redis.StreamRangeAsync(api.Stream);
        Assert.Equal(1000, entries.Count);
        var hasher = new ListenerKeyHasher(3, Convert.FromHexString(ImportApi.SecretHex));
        for (var i = 0; i < entries.Count; i++)
        {
            var field = Assert.Single(entries[i].Values);
            Assert.Equal("h", field.Name.ToString());
            var raw = field.Value.ToByteArray()!;
            var text = Encoding.UTF8.GetString(raw);
            Assert.DoesNotContain(Ip(i), text, StringComparison.Ordinal);
            var hit = JsonSerializer.Deserialize(raw, HitJsonContext.Default.HitRecord)!;
            Assert.Equal(Start.AddSeconds(i).ToUnixTimeMilliseconds(), hit.TimestampMs);
            Assert.Equal(7, hit.Id.Version);
            Assert.Equal(i % 10 == 0 ? "HEAD" : "GET", hit.Method);
            Assert.Equal($"https://cdn.example.com/show/ep{i % 3}.mp3", hit.TargetUrl);
            Assert.Equal(hit.TargetUrl, hit.RequestUrl);
            Assert.Equal(i % 2 == 0 ? "bytes=0-" : string.Empty, hit.Range);
            Assert.Equal(200 + (i % 2 * 6), hit.Status);
            Assert.Equal(i * 10L, hit.BytesServed);
            Assert.Equal("import", hit.Source);
            Assert.Equal(hasher.ListenerKey(IPAddress.Parse(Ip(i)), hit.UserAgent), hit.ListenerKey);
            Assert.Equal(hasher.HouseholdKey(IPAddress.Parse(Ip(i))), hit.HouseholdKey);
            Assert.Equal((ushort)3, hit.KeyId);
        }
    }

    [Fact]
    public async Task Import_CombinedLogWithHost_AbsoluteUrlsFromHost()
    {
        await using var api = await ImportApi.StartAsync(geo.Lookup);
        var time = Start.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        var body =
            $"198.51.100.1 - - [{time}] \"GET /show/ep1.mp3 HTTP/1.1\" 206 1024 \"-\" \"AppleCoreMedia/1.0\"\r\n" +
            $"198.51.100.2 - - [{time}] \"HEAD /show/ep2.mp3 HTTP/2.0\" 200 - \"https://podcasts.example/\" \"-\" \"-\" rt=0.001\r\n" +
            "\r\n" +
            $"198.51.100.3 - - [{time}] \"-\" 400 0 \"-\" \"-\"\r\n";

        using var response = await PostAsync(api, body, "text/x-nginx-log", "?host=media.example.org&scheme=http");
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(answer))
        {
            Assert.Equal(2, json.RootElement.GetProperty("accepted").GetInt64());
            Assert.Equal(1, json.RootElement.GetProperty("rejected").GetInt64());
            var rejection = Assert.Single(json.RootElement.GetProperty("rejections").EnumerateArray());
            Assert.Equal(4, rejection.GetProperty("line").GetInt64());
            Assert.Equal("the request is \"-\": the client sent no complete request (logged for 400/408 answers); there is no hit to import", rejection.GetProperty("reason").GetString());
            Assert.False(json.RootElement.GetProperty("rejectionsTruncated").GetBoolean());
        }

        var hits = (await api.Redis.StreamRangeAsync(api.Stream))
            .Select(e => JsonSerializer.Deserialize(e.Values[0].Value.ToByteArray()!, HitJsonContext.Default.HitRecord)!)
            .ToList();
        Assert.Equal(["http://media.example.org/show/ep1.mp3", "http://media.example.org/show/ep2.mp3"], hits.Select(h => h.TargetUrl));
        Assert.Equal([206, 200], hits.Select(h => h.Status));
        Assert.Equal([1024L, 0L], hits.Select(h => h.BytesServed));
        Assert.Equal(["AppleCoreMedia/1.0", string.Empty], hits.Select(h => h.UserAgent));
        Assert.Equal([string.Empty, "https://podcasts.example/"], hits.Select(h => h.Referer));
        Assert.All(hits, h => Assert.Equal(Start.ToUnixTimeSeconds() * 1000, h.TimestampMs));
    }

    [Theory]
    // Sniffed: a line not starting with '{' is a combined log, which needs a host.
    [InlineData("text/plain", "", "203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] \"GET /a.mp3 HTTP/1.1\" 200 5 \"-\" \"ua\"\n", HttpStatusCode.BadRequest, "combined log lines hold only the request path")]
    [InlineData("text/x-nginx-log", "", "203.0.113.7 - - [02/Nov/2026:22:00:00 +0000] \"GET /a.mp3 HTTP/1.1\" 200 5 \"-\" \"ua\"\n", HttpStatusCode.BadRequest, "combined log lines hold only the request path")]
    [InlineData("text/x-nginx-log", "?host=cdn.example.com/x", "", HttpStatusCode.BadRequest, "'host' must be the host name")]
    [InlineData("application/xml", "", "<hits/>", HttpStatusCode.UnsupportedMediaType, "Content-Type 'application/xml' is not an import format")]
    public async Task Import_BadRequest_ErrorWithReason(string contentType, string query, string body, HttpStatusCode expected, string reasonStart)
    {
        await using var api = await ImportApi.StartAsync(geo.Lookup);

        using var response = await PostAsync(api, body, contentType, query);

        Assert.Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(reasonStart, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.Redis.StreamLengthAsync(api.Stream));
    }

    [Fact]
    public async Task Import_NoContentTypeOverLongLineAndLimits_RejectionsCountedAndCapped()
    {
        var settings = new Dictionary<string, string?> { ["HitImport:MaxRejectionsListed"] = "2", ["HitImport:MaxLinesPerRequest"] = "6" };
        await using var api = await ImportApi.StartAsync(geo.Lookup, settings);
        var good = $"{{\"ts\":\"{Start:O}\",\"ip\":\"203.0.113.7\",\"url\":\"https://cdn.example.com/a.mp3\",\"method\":\"GET\"}}";
        var body = string.Join('\n', good, "{\"ua\":\"" + new string('x', 17 * 1024) + "\"}", good, "{}", "nonsense", good, good, good);

        using var response = await PostAsync(api, body, contentType: null);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(answer);
        Assert.Equal(3, json.RootElement.GetProperty("accepted").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("rejected").GetInt64());
        Assert.True(json.RootElement.GetProperty("rejectionsTruncated").GetBoolean());
        var listed = json.RootElement.GetProperty("rejections").EnumerateArray().ToList();
        Assert.Equal([2L, 4L], listed.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("the line is longer than 16 KB and was skipped", listed[0].GetProperty("reason").GetString());
        Assert.Equal(3, await api.Redis.StreamLengthAsync(api.Stream));
    }

    [Fact]
    public async Task Import_NoApiKey_401AndNothingStored()
    {
        await using var api = await ImportApi.StartAsync(geo.Lookup);
        using var content = new StringContent("{}\n", Encoding.UTF8, "application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/hits/import") { Content = content };
        request.Headers.Authorization = null;
        using var anonymous = new HttpClient { BaseAddress = api.Http.BaseAddress };

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await api.Redis.StreamLengthAsync(api.Stream));
    }

    [Fact]
    public async Task Import_RedisUnreachable_503SayingWhereToResume()
    {
        var settings = new Dictionary<string, string?> { ["Redis:EndPoint"] = $"127.0.0.1:{Prefix.Testing.Servers.FreePort.Next()}", ["Redis:ConnectTimeout"] = "00:00:01" };
        await using var api = await ImportApi.StartAsync(geo.Lookup, settings);
        var good = $"{{\"ts\":\"{Start:O}\",\"ip\":\"203.0.113.7\",\"url\":\"https://cdn.example.com/a.mp3\",\"method\":\"GET\"}}";

        using var response = await PostAsync(api, good + "\n" + good + "\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith("Redis did not take the hits (", error, StringComparison.Ordinal);
        Assert.EndsWith("the 0 hits through line 0 are stored, some after it may be: resend from line 1 when Redis is back", error, StringComparison.Ordinal);
    }

    private static string Ip(int i) => i % 4 == 3 ? $"2001:db8:{i:x}::{i % 9 + 1:x}" : $"198.51.{i / 250}.{i % 250 + 1}";

    private static async Task<HttpResponseMessage> PostAsync(ImportApi api, string body, string? contentType, string query = "")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await api.Http.PostAsync("v1/hits/import" + query, content);
    }
}
