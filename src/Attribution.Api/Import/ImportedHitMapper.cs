using Prefix.Core.Hits;
using Prefix.Geo;

namespace Attribution.Api.Import;

/// <summary>
/// Turns an accepted line into the <see cref="HitRecord"/> an edge would have written for the same request,
/// so the ingest (User-Agent classification, episode key, ClickHouse, dedupe by id) treats both alike.
/// </summary>
internal sealed class ImportedHitMapper(ClientAddressEnricher enricher)
{
    public const string Source = "import";

    public HitRecord Map(in ImportedHit line)
    {
        var hit = new HitRecord
        {
            // UUIDv7 (RFC 9562 §5.7) from the hit's own time, like the edge's ids: they sort with the hits.
            Id = Guid.CreateVersion7(line.Time),
            TimestampMs = line.Time.ToUnixTimeMilliseconds(),
            Method = line.Method,
            RequestUrl = line.Url,
            TargetUrl = line.Url,
            UserAgent = line.UserAgent,
            Referer = line.Referer,
            Range = line.Range,
            Status = line.Status,
            BytesServed = line.Bytes,
            Source = Source,
        };

        // The raw address goes no further than this call: keys and place are all that is kept.
        enricher.Enrich(hit, line.Address);
        return hit;
    }
}
