-- The feed updater's history in ClickHouse: episodes (the enclosure → show/episode mapping counting joins on),
-- what the ID3 probe learned about each enclosure, and every feed version that changed something.
-- Runs on ClickHouse 18.16 and current releases. Re-runnable.

-- One row per episode version; the newest `version` wins on merge (query with FINAL or argMax).
CREATE TABLE IF NOT EXISTS episodes
(
    show_id UUID,
    episode_id UUID,
    feed_id UUID,
    guid String,
    title String,
    enclosure_url String,        -- as the feed wrote it (entities decoded)
    episode_key String,          -- the enclosure URL normalized as COUNTING.md defines (EpisodeKeyNormalizer): the join key with hits
    enclosure_type String,
    enclosure_length Int64,      -- bytes from the feed; -1 when unknown
    duration_sec Float64,        -- -1 when unknown
    published_at DateTime,       -- 0 (1970-01-01) when unknown
    season Int32,                -- -1 when absent
    episode_number Int32,        -- -1 when absent
    episode_type String,
    removed UInt8,               -- 1 once the updater confirmed the item gone from the feed
    version UInt64,              -- Unix ms of the poll that wrote this row: the ReplacingMergeTree version
    updated_at DateTime
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (show_id, episode_id);

-- What reading the first bytes of an enclosure (Range: bytes=0-9) found; keyed like hits, so counting can
-- subtract the ID3 tag from its byte threshold without going through the feed.
CREATE TABLE IF NOT EXISTS enclosure_probes
(
    episode_key String,
    enclosure_url String,
    id3_size Int64,              -- bytes of the ID3v2 tag incl. header and footer; 0 when there is none; -1 when the probe failed
    content_length Int64,        -- total bytes from Content-Range / Content-Length; -1 when unknown
    http_status UInt16,
    error String,
    probed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY episode_key;

-- Every good parse that changed something: the normalized metadata (without episodes) and the hashes.
CREATE TABLE IF NOT EXISTS feed_versions
(
    feed_id UUID,
    show_id UUID,
    sequence UInt64,             -- the feed's event sequence after this version's events
    fetched_at DateTime,
    url String,
    http_status UInt16,
    body_hash String,
    projection_hash String,
    episode_count UInt32,
    metadata_json String
)
ENGINE = ReplacingMergeTree(fetched_at)
PARTITION BY toYYYYMM(fetched_at)
ORDER BY (feed_id, sequence);
