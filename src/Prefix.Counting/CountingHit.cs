namespace Prefix.Counting;

/// <summary>
/// One recorded request as the counting engine sees it: a row of the ClickHouse <c>hits</c> table (edge
/// or imported), already enriched (User-Agent classification, episode key, listener/household keys).
/// </summary>
/// <remarks>
/// The engine does no I/O and no hashing: <see cref="ListenerKey"/> is the keyed hash of (IP*, User-Agent)
/// made upstream by <c>ListenerKeyHasher</c>, which already cuts IPv6 to its /64 and maps IPv4-mapped
/// IPv6 to IPv4 (COUNTING.md "Terms"). Equal keys are one listener; the engine never looks inside them.
/// </remarks>
public sealed record CountingHit
{
    /// <summary>Unique hit id (UUIDv7 at the edge). Consecutive equal ids in a group are one hit read twice.</summary>
    public Guid HitId { get; init; }

    /// <summary>Request time; any offset is accepted and converted to UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>HTTP method as received (<c>GET</c>, <c>HEAD</c>, …); compared case-insensitively.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>HTTP status when known (imported host logs); 0 = unknown (edge hits), which is eligible.</summary>
    public int Status { get; init; }

    /// <summary>Normalized enclosure URL (COUNTING.md "Episode key").</summary>
    public string EpisodeKey { get; init; } = string.Empty;

    /// <summary>Keyed hash of (IP*, User-Agent as sent, trimmed).</summary>
    public string ListenerKey { get; init; } = string.Empty;

    /// <summary>Keyed hash of IP* alone; the excessive-IP guard groups by it. Empty = unknown (not guarded).</summary>
    public string HouseholdKey { get; init; } = string.Empty;

    /// <summary>User-Agent as sent.</summary>
    public string UserAgent { get; init; } = string.Empty;

    /// <summary>The <c>Range</c> header text, or empty when the request had none.</summary>
    public string Range { get; init; } = string.Empty;

    /// <summary>Set by the User-Agent classifier.</summary>
    public bool IsBot { get; init; }

    /// <summary><c>bot_ua</c>, <c>bot_lib</c>, <c>no_ua</c> or empty, as the classifier stored it.</summary>
    public string BotReason { get; init; } = string.Empty;

    /// <summary>Set by the User-Agent classifier; the engine also recognises the agents itself.</summary>
    public bool IsAppleWatch { get; init; }

    /// <summary>Autonomous system of the client, 0 when unknown (informational here).</summary>
    public uint Asn { get; init; }

    /// <summary>
    /// True when the caller decided, from its ASN tables and its datacenter safe list (entries older than
    /// 90 days no longer count), that the client sits in a hosting network. May be false everywhere.
    /// </summary>
    public bool IsDatacenter { get; init; }
}
