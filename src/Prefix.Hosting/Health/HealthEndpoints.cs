using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prefix.Hosting.Health;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: it can reach Redis and ClickHouse.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Text("ok\n"))
            .ExcludeFromDescription();
        endpoints.MapGet("/readyz", async Task<IResult> (ReadinessProbe probe, CancellationToken cancellationToken) =>
            {
                var report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
                var body = new
                {
                    status = report.Ready ? "ready" : "not ready",
                    checks = report.Checks.Values.Select(c => new { name = c.Name, ok = c.Ok, latencyMs = Math.Round(c.LatencyMs, 2), error = c.Error }),
                };
                return report.Ready
                    ? TypedResults.Ok(body)
                    : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .ExcludeFromDescription();
        return endpoints;
    }
}
