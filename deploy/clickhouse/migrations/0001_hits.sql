-- Raw hits as the edge records them: one row per request it redirects.
-- Runs on ClickHouse 18.16 and current releases (no LowCardinality, DateTime64, TTL or codecs).
-- Re-runnable: the migrator records a file only after every statement succeeded.
CREATE TABLE IF NOT EXISTS hits
(
    hit_id UUID,                 -- unique per hit; with ts and episode_key it is the dedup key
    ts DateTime,                 -- request time, UTC seconds
    ts_ms UInt64,                -- request time, Unix epoch milliseconds (keeps sub-second order)
    method String,
    request_url String,
    target_url String,
    episode_key String,
    prefix_args String,
    podcast_guid String,         -- the pg= prefix argument when it is a UUID, '' otherwise
    user_agent String,
    referer String,
    `range` String,              -- the Range header; backquoted because range is also a function name
    playback_session_id String,
    listener_key String,
    household_key String,
    key_id UInt16,               -- which rotating hash key produced listener_key/household_key
    country String,              -- ISO 3166-1 alpha-2, '' when unknown (String, not FixedString(2), so unknown is not two NULs)
    subdivision String,
    city String,
    `timezone` String,
    asn UInt32,
    as_org String,
    app String,
    device String,
    os String,
    is_bot UInt8,
    bot_reason String,           -- '' for listeners; bot_ua, bot_lib, no_ua (COUNTING.md stage 1 reason codes)
    is_apple_watch UInt8,
    status UInt16,               -- HTTP status for imported host/CDN logs; 0 for edge hits (prefix mode)
    bytes_served Int64,          -- bytes served for imported logs; -1 when unknown
    source String,               -- edge | import
    ingested_at DateTime         -- when the row was written; the ReplacingMergeTree version
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(ts)
ORDER BY (episode_key, ts, hit_id);
