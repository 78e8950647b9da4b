using System.Net;
using System.Text.Json;
using Prefix.Testing.Servers;

namespace Prefix.Services.Tests.Health;

public sealed class HealthEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("Prefix.Edge")]
    [InlineData("Feed.Updater")]
    [InlineData("Attribution.Api")]
    public async Task Service_WithRedisAndClickHouseUp_AnswersHealthzReadyzAndMetrics(string project)
    {
        var settings = ServiceSettings.For(await SharedServers.RedisEndpointAsync(), await SharedServers.ClickHouseUriAsync());
        await using var service = ServiceHost.Start(project, settings);
        await service.WaitHealthyAsync();

        using var health = await Http.GetAsync(new Uri(service.BaseUri, "healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());

        using var ready = await Http.GetAsync(new Uri(service.BaseUri, "readyz"));
        var readyBody = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, readyBody);
        using var json = JsonDocument.Parse(readyBody);
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("ok").GetBoolean());
        Assert.True(checks["redis"]);
        Assert.True(checks["clickhouse"]);

        using var metrics = await Http.GetAsync(new Uri(service.BaseUri, "metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE process_resident_memory_bytes gauge", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^process_resident_memory_bytes [0-9.E+]+$", text);
        // The requests above went through Kestrel's hosting meter (the edge leaves it out: it counts its own outcomes).
        if (project != "Prefix.Edge")
        {
            Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readyz_RedisKilled_Answers503NamingRedisThenRecovers()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = ServiceSettings.For(redis.Endpoint, await SharedServers.ClickHouseUriAsync());
        await using var service = ServiceHost.Start("Prefix.Edge", settings);
        await service.WaitHealthyAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetReadyAsync(service)).Status);

        redis.Kill();
        var (status, body) = await GetReadyAsync(service);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal("not ready", json.RootElement.GetProperty("status").GetString());
            var redisCheck = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
            Assert.False(redisCheck.GetProperty("ok").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(redisCheck.GetProperty("error").GetString()));
            var clickHouseCheck = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "clickhouse");
            Assert.True(clickHouseCheck.GetProperty("ok").GetBoolean());
        }

        // Liveness is not readiness: the process is fine, only a dependency is missing.
        using (var health = await Http.GetAsync(new Uri(service.BaseUri, "healthz")))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode latest;
        do
        {
            await Task.Delay(200);
            latest = (await GetReadyAsync(service)).Status;
        }
        while (latest != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, latest);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetReadyAsync(ServiceHost service)
    {
        using var response = await Http.GetAsync(new Uri(service.BaseUri, "readyz"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
