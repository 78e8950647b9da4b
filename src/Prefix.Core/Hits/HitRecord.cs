using System.Text.Json.Serialization;

namespace Prefix.Core.Hits;

/// <summary>
/// One recorded request, as the edge writes it to its hit log and ships it on the Redis Stream
/// <c>prefix:hits</c> (one JSON document in the entry's <c>h</c> field). The raw IP is not here: it is
/// turned into <see cref="ListenerKey"/>, <see cref="HouseholdKey"/> and geo fields inside the edge.
/// Enrichment that needs no IP (User-Agent classification, episode key) happens at ingest.
/// </summary>
/// <remarks>
/// Optional members have setters, not <c>init</c>: the source-generated JSON reader assigns every
/// init-only member, a missing one as null or 0, which would lose the defaults below.
/// </remarks>
public sealed record HitRecord
{
    /// <summary>Unique, time-ordered id (UUIDv7) so a replayed batch is recognisable downstream.</summary>
    [JsonPropertyName("id")] public required Guid Id { get; init; }

    /// <summary>Request time, milliseconds since the Unix epoch, UTC.</summary>
    [JsonPropertyName("ts")] public required long TimestampMs { get; init; }

    [JsonPropertyName("m")] public required string Method { get; init; }

    /// <summary>The full request URL as received (prefix included).</summary>
    [JsonPropertyName("u")] public required string RequestUrl { get; init; }

    /// <summary>Where the listener was redirected.</summary>
    [JsonPropertyName("t")] public required string TargetUrl { get; init; }

    /// <summary>The raw prefix argument list (<c>pg=…</c>), empty when none.</summary>
    [JsonPropertyName("a")] public string PrefixArguments { get; set; } = string.Empty;

    [JsonPropertyName("ua")] public string UserAgent { get; set; } = string.Empty;

    [JsonPropertyName("ref")] public string Referer { get; set; } = string.Empty;

    [JsonPropertyName("rg")] public string Range { get; set; } = string.Empty;

    /// <summary>Apple's <c>X-Playback-Session-Id</c>, which ties the requests of one playback together.</summary>
    [JsonPropertyName("ps")] public string PlaybackSessionId { get; set; } = string.Empty;

    [JsonPropertyName("lk")] public string ListenerKey { get; set; } = string.Empty;

    [JsonPropertyName("hk")] public string HouseholdKey { get; set; } = string.Empty;

    /// <summary>Id of the secret that made the keys (rotation).</summary>
    [JsonPropertyName("kid")] public ushort KeyId { get; set; }

    [JsonPropertyName("cc")] public string Country { get; set; } = string.Empty;

    [JsonPropertyName("sd")] public string Subdivision { get; set; } = string.Empty;

    [JsonPropertyName("city")] public string City { get; set; } = string.Empty;

    [JsonPropertyName("tz")] public string TimeZone { get; set; } = string.Empty;

    [JsonPropertyName("asn")] public uint Asn { get; set; }

    [JsonPropertyName("org")] public string AsOrganization { get; set; } = string.Empty;

    /// <summary>HTTP status when known (imported host/CDN logs); 0 for edge hits, which answer with a redirect.</summary>
    [JsonPropertyName("st")] public int Status { get; set; }

    /// <summary>Bytes served when known (imported logs); -1 when unknown.</summary>
    [JsonPropertyName("by")] public long BytesServed { get; set; } = -1;

    /// <summary><c>edge</c> or <c>import</c>.</summary>
    [JsonPropertyName("src")] public string Source { get; set; } = "edge";
}
