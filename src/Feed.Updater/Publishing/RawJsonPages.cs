using System.Buffers;
using System.Text.Json;

namespace Feed.Updater.Publishing;

/// <summary>
/// Writes the pages that carry stored event JSON. The events are copied into the response as stored, not parsed and
/// serialized again: what a client pulls is byte for byte what a webhook receives, and nothing a future event
/// version adds is lost on the way.
/// </summary>
internal static class RawJsonPages
{
    /// <summary><c>{"events":[…],"nextCursor":"…"}</c></summary>
    public static byte[] Changes(ChangeLogPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var buffer = new ArrayBufferWriter<byte>(256 + page.Events.Sum(e => e.Json.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events"u8);
            foreach (var entry in page.Events)
            {
                // ChangeLogReader only returns entries whose JSON is one well-formed object.
                writer.WriteRawValue(entry.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("nextCursor"u8, page.NextCursor);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"deadLetters":[{"id","streamId","reason","attempts","event"}…]}</c>, newest first.</summary>
    public static byte[] DeadLetters(IReadOnlyList<WebhookDeadLetter> deadLetters)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        var buffer = new ArrayBufferWriter<byte>(256 + deadLetters.Sum(d => d.Event.Length + d.Reason.Length + 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("deadLetters"u8);
            foreach (var letter in deadLetters)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, letter.Id);
                writer.WriteString("streamId"u8, letter.StreamId);
                writer.WriteString("reason"u8, letter.Reason);
                writer.WriteNumber("attempts"u8, letter.Attempts);
                writer.WritePropertyName("event"u8);
                if (ChangeLogReader.IsJsonObject(letter.Event))
                {
                    writer.WriteRawValue(letter.Event, skipInputValidation: true);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
