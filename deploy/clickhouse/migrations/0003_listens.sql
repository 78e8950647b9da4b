-- Client-reported playback events (COUNTING.md, "Client-reported listens"): one row per accepted event as
-- POST /v1/listens stored it. Runs on ClickHouse 18.16 and current releases. Re-runnable.
--
-- Dedupe: a batch synced again inserts its events again. Rows with the same sorting key collapse on merge,
-- keeping the highest `version`, which is (2^64 - 1) - received_ms: the FIRST receipt wins, because its
-- skew estimate (received - sentAt) is the one closest to the client's real clock offset. Merges are
-- eventual and never cross partitions or keys, so readers dedupe exactly at query time the same way:
-- ORDER BY received_ms LIMIT 1 BY device_id, event_id, then LIMIT 1 BY device_id, content_hash (the same
-- event re-sent under a new eventId).
CREATE TABLE IF NOT EXISTS listen_events
(
    episode_id UUID,             -- resolved episode; all zeros while an enclosure URL has no episodes row yet
    episode_key String,          -- normalized enclosure URL when the client sent one, '' otherwise (late mapping)
    device_id String,
    event_id String,
    event_type String,           -- play | pause | seek | stop | complete | progress
    position_sec Float64,
    offline UInt8,
    client_ms Int64,             -- clientTime as sent, Unix ms (client clock)
    sent_ms Int64,               -- the batch's sentAt, Unix ms (client clock)
    received_ms Int64,           -- when the server received the batch, Unix ms (server clock)
    corrected_ms Int64,          -- client_ms + (received_ms - sent_ms): the event time on the server clock
    corrected_at DateTime,       -- corrected_ms in seconds, for partitioning
    content_hash String,         -- hex SHA-256 prefix of device, episode reference as sent, type, position, client time
    version UInt64               -- 18446744073709551615 - received_ms: first receipt wins merges
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(corrected_at)
ORDER BY (episode_id, episode_key, device_id, event_id);
