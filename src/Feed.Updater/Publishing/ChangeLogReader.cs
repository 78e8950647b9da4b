using System.Globalization;
using System.Text.Json;
using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>
/// Reads the change log (the <c>feeds:changes</c> stream) behind <c>GET /v1/changes</c>: the entries after a
/// cursor, oldest first, with XRANGE and an exclusive start, so paging returns every retained event exactly once.
/// </summary>
/// <remarks>
/// The log holds what the stream retains (it is trimmed by length); a cursor older than the oldest retained entry
/// simply continues from the oldest one. Entries not in the outbox format (feed, type, seq, event) or whose event is
/// not valid JSON are passed over (the cursor still moves past them).
/// </remarks>
internal sealed class ChangeLogReader(RedisConnectionProvider redis)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Most entries examined per request when filtering by feed, so one request stays cheap.</summary>
    public const int MaxScanned = 10_000;

    public Task<ChangeLogReadResult> ReadAsync(string? after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(after, limit, feedId: null, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/> (null = from the start), optionally of one feed.</summary>
    public async Task<ChangeLogReadResult> ReadAsync(string? after, int limit, Guid? feedId, CancellationToken cancellationToken)
    {
        if (after is not null && !ChangeLogCursor.IsValid(after))
        {
            return ChangeLogReadResult.Invalid(ChangeLogCursor.Describe("after", after));
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ChangeLogReadResult.Invalid(string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {MaxLimit}; got {limit}"));
        }

        var cursor = after ?? ChangeLogCursor.Start;
        var events = new List<ChangeLogEntry>(Math.Min(limit, 128));
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var scanned = 0;
        while (events.Count < limit && scanned < MaxScanned && !ChangeLogCursor.IsLargest(cursor))
        {
            // Without a filter every entry counts, so ask for exactly what is missing; with one, read larger batches.
            var count = feedId is null ? limit - events.Count : Math.Min(MaxLimit, MaxScanned - scanned);
            var entries = await connection.StreamRangeAsync(UpdaterKeys.Changes, "(" + cursor, "+", count, cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                cursor = entry.Id;
                scanned++;
                if (Parse(entry) is { } parsed && (feedId is null || parsed.FeedId == feedId))
                {
                    events.Add(parsed);
                    if (events.Count == limit)
                    {
                        break;
                    }
                }
            }

            if (entries.Count < count)
            {
                break;
            }
        }

        return ChangeLogReadResult.Ok(new ChangeLogPage(events, cursor));
    }

    private static ChangeLogEntry? Parse(StreamEntry entry) =>
        ChangeLogEntry.FromStream(entry) is { } parsed && IsJsonObject(parsed.Json) ? parsed : null;

    /// <summary>True when the bytes are one well-formed JSON object (so they can be written into a response unchanged).</summary>
    internal static bool IsJsonObject(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
