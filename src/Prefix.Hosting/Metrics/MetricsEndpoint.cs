using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prefix.Hosting.Metrics;

/// <summary><c>/metrics</c> in the Prometheus text format.</summary>
public static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (PrometheusMetrics metrics) => TypedResults.Text(metrics.Render(), ContentType))
            .ExcludeFromDescription();
        return endpoints;
    }
}
