using System.Text.Json;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;
using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>One change-log entry: its stream id (a cursor), the outbox fields, and the event JSON as stored.</summary>
/// <remarks>
/// The outbox format of <c>feeds:changes</c>: fields <c>feed</c> (feed id, Guid "N"), <c>type</c> (event type),
/// <c>seq</c> (sequence, decimal) and <c>event</c> (the event JSON, FeedJsonContext).
/// </remarks>
internal sealed record ChangeLogEntry(string Id, Guid FeedId, string Type, long Sequence, byte[] Json)
{
    /// <summary>The entry, or null when it lacks the outbox fields (its JSON is not checked here).</summary>
    public static ChangeLogEntry? FromStream(StreamEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = entry["event"].ToByteArray();
        var type = entry["type"].ToString();
        if (json is not { Length: > 0 } || string.IsNullOrEmpty(type) || !Guid.TryParse(entry["feed"].ToString(), out var feedId))
        {
            return null;
        }

        _ = entry["seq"].TryParseInt64(out var sequence);
        return new ChangeLogEntry(entry.Id, feedId, type, sequence, json);
    }

    /// <summary>The event, parsed (for callers that want the object rather than the stored bytes).</summary>
    public FeedChangeEvent? Deserialize() => JsonSerializer.Deserialize(Json, FeedJsonContext.Default.FeedChangeEvent);

    /// <summary>The top-level <c>eventId</c> of the JSON, read without materializing the document; null when absent.</summary>
    public string? ReadEventId()
    {
        try
        {
            var reader = new Utf8JsonReader(Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEventId = reader.ValueTextEquals("eventId"u8);
                reader.Read();
                if (isEventId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
