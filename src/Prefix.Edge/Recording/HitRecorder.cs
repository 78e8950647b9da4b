using System.Text.Json;
using Prefix.Core.Hits;
using Prefix.Edge.Listeners;
using Prefix.Edge.Redirects;
using Prefix.Geo;

namespace Prefix.Edge.Recording;

/// <summary>
/// Turns one prefix request into a <see cref="HitRecord"/> and writes it to the hit log. This is the
/// only place the raw IP is used: it becomes keys and geo fields here (<see cref="ClientAddressEnricher"/>) and goes no further.
/// </summary>
internal sealed class HitRecorder(
    HitLogWriter log,
    ClientAddressResolver addresses,
    ClientAddressEnricher enricher,
    TimeProvider time)
{
    public ValueTask<bool> RecordAsync(HttpContext context, string rawTarget, PrefixUrl url)
    {
        var request = context.Request;
        var headers = request.Headers;
        var ip = addresses.Resolve(context);
        var userAgent = headers.UserAgent.ToString();
        var now = time.GetUtcNow();
        var hit = new HitRecord
        {
            Id = Guid.CreateVersion7(now),
            TimestampMs = now.ToUnixTimeMilliseconds(),
            Method = request.Method,
            RequestUrl = string.Concat(request.Scheme, "://", request.Host.Value, rawTarget),
            TargetUrl = url.Target,
            PrefixArguments = url.Arguments,
            UserAgent = userAgent,
            Referer = headers.Referer.ToString(),
            Range = headers.Range.ToString(),
            PlaybackSessionId = headers["X-Playback-Session-Id"].ToString(),
        };
        enricher.Enrich(hit, ip);
        return log.AppendAsync(JsonSerializer.SerializeToUtf8Bytes(hit, HitJsonContext.Default.HitRecord));
    }
}
