namespace Attribution.Api.Listens;

/// <summary>One accepted event, as a row of <c>listen_events</c> (deploy/clickhouse/migrations/0003_listens.sql).</summary>
internal sealed record ListenRecord(
    Guid EpisodeId,
    string EpisodeKey,
    string DeviceId,
    string EventId,
    ListenEventType Type,
    double PositionSec,
    bool Offline,
    long ClientMs,
    long SentMs,
    long ReceivedMs,
    long CorrectedMs,
    string ContentHash);
