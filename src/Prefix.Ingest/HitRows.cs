namespace Prefix.Ingest;

/// <summary>The <c>hits</c> columns the ingest writes, in the order <see cref="HitRowMapper"/> fills them.</summary>
internal static class HitRows
{
    public static readonly string[] Columns =
    [
        "hit_id", "ts", "ts_ms", "method", "request_url", "target_url", "episode_key", "prefix_args", "podcast_guid",
        "user_agent", "referer", "range", "playback_session_id", "listener_key", "household_key", "key_id",
        "country", "subdivision", "city", "timezone", "asn", "as_org",
        "app", "device", "os", "is_bot", "bot_reason", "is_apple_watch", "status", "bytes_served", "source", "ingested_at",
    ];
}
