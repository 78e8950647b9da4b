using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prefix.Core.Episodes;
using Prefix.Core.Identities;

namespace Attribution.Api.Listens;

/// <summary>
/// Validates a listen batch (COUNTING.md, "Client-reported listens"; names fixed there) event by event and applies
/// the clock-skew correction. Pure apart from <see cref="EpisodeKeyNormalizer"/>.
/// </summary>
/// <remarks>
/// Skew: the batch's <c>sentAt</c> was read from the same (possibly wrong) client clock as each <c>clientTime</c>, so
/// <c>received − sentAt</c> is that clock's offset (plus the transit time) and correctedTime = clientTime + offset.
/// Events whose corrected time is older than the late-arrival window, or in the future, are rejected with the reason.
/// </remarks>
internal sealed class ListenBatchParser(ListenOptions options, EpisodeKeyNormalizer normalizer)
{
    public const int MaxIdLength = 200;

    // Times before 1971 or after 2100 are a broken clock or a unit mistake, not an offline device.
    private static readonly DateTimeOffset EarliestTime = new(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ListenBatch Parse(JsonElement body, DateTimeOffset receivedAt)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ListenBatch.Fail(StatusCodes.Status400BadRequest, "the body must be a JSON object with sentAt and events");
        }

        if (!body.TryGetProperty("sentAt", out var sentAtJson) || !TryParseTime(sentAtJson, out var sentAt))
        {
            return ListenBatch.Fail(StatusCodes.Status400BadRequest, $"sentAt must be the client's clock when sending, an ISO 8601 time such as 2026-11-22T08:00:00Z; got {Show(sentAtJson)}");
        }

        if (!body.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return ListenBatch.Fail(StatusCodes.Status400BadRequest, "events must be an array of playback events");
        }

        var count = events.GetArrayLength();
        if (count > options.MaxEventsPerBatch)
        {
            return ListenBatch.Fail(StatusCodes.Status413PayloadTooLarge, $"a batch holds at most {options.MaxEventsPerBatch} events; this one has {count}: send it in several batches");
        }

        var received = receivedAt.ToUnixTimeMilliseconds();
        var sent = sentAt.ToUnixTimeMilliseconds();
        var skew = received - sent;
        var context = new BatchContext(sent, received, skew, received - (long)options.LateArrivalWindow.TotalMilliseconds, received + (long)options.FutureTolerance.TotalMilliseconds);
        var accepted = new List<ListenRecord>(count);
        var rejections = new List<ListenRejection>();
        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            var outcome = ParseEvent(item, index, context);
            if (outcome.Record is { } record)
            {
                accepted.Add(record);
            }
            else
            {
                rejections.Add(outcome.Rejection!);
            }

            index++;
        }

        return new ListenBatch(StatusCodes.Status200OK, null, skew, accepted, rejections);
    }

    private static (ListenRecord? Record, ListenRejection? Rejection) Reject(int index, string? eventId, string reason, string detail) =>
        (null, new ListenRejection(index, eventId, reason, detail));

    private (ListenRecord? Record, ListenRejection? Rejection) ParseEvent(JsonElement item, int index, BatchContext batch)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Reject(index, null, ListenRejectionReasons.NotAnObject, "each event must be a JSON object");
        }

        var eventId = Text(item, "eventId");
        if (string.IsNullOrWhiteSpace(eventId) || eventId.Length > MaxIdLength)
        {
            return Reject(index, null, ListenRejectionReasons.MissingEventId, $"eventId must be a non-empty string of at most {MaxIdLength} characters, unique per device");
        }

        var deviceId = Text(item, "deviceId");
        if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Length > MaxIdLength)
        {
            return Reject(index, eventId, ListenRejectionReasons.MissingDeviceId, $"deviceId must be a non-empty string of at most {MaxIdLength} characters");
        }

        var episode = ParseEpisode(item);
        if (episode.Reason is { } episodeReason)
        {
            return Reject(index, eventId, episodeReason, episode.Detail!);
        }

        var typeName = Text(item, "type");
        if (!ListenEventTypes.TryParse(typeName, out var type))
        {
            return Reject(index, eventId, ListenRejectionReasons.UnknownType, $"type must be play, pause, seek, stop, complete or progress; got {Show(item, "type")}");
        }

        if (!item.TryGetProperty("positionSec", out var positionJson) || positionJson.ValueKind != JsonValueKind.Number
            || !positionJson.TryGetDouble(out var position) || !double.IsFinite(position) || position < 0)
        {
            return Reject(index, eventId, ListenRejectionReasons.BadPosition, $"positionSec must be a number of seconds, 0 or more; got {Show(item, "positionSec")}");
        }

        if (!item.TryGetProperty("clientTime", out var clientJson) || !TryParseTime(clientJson, out var clientTime))
        {
            return Reject(index, eventId, ListenRejectionReasons.BadClientTime, $"clientTime must be an ISO 8601 time such as 2026-11-22T08:00:00Z; got {Show(item, "clientTime")}");
        }

        var offline = false;
        if (item.TryGetProperty("offline", out var offlineJson) && offlineJson.ValueKind != JsonValueKind.Null)
        {
            if (offlineJson.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Reject(index, eventId, ListenRejectionReasons.BadOffline, $"offline must be true or false; got {Show(offlineJson)}");
            }

            offline = offlineJson.GetBoolean();
        }

        var clientMs = clientTime.ToUnixTimeMilliseconds();
        var corrected = clientMs + batch.SkewMs;
        if (corrected < batch.OldestMs)
        {
            return Reject(index, eventId, ListenRejectionReasons.TooLate, string.Create(CultureInfo.InvariantCulture,
                $"the event happened at {Iso(corrected)} (clientTime corrected by the batch's clock offset of {batch.SkewMs / 1000.0:0.###} s), more than {options.LateArrivalWindow.TotalDays:0.###} days ago; events that late are not accepted"));
        }

        if (corrected > batch.NewestMs)
        {
            return Reject(index, eventId, ListenRejectionReasons.InFuture, string.Create(CultureInfo.InvariantCulture,
                $"the event's corrected time {Iso(corrected)} is after the batch was received ({Iso(batch.ReceivedMs)}); clientTime must not be later than sentAt"));
        }

        var hash = ContentHash(deviceId, episode.Reference!, typeName!, position, clientMs);
        var record = new ListenRecord(episode.EpisodeId, episode.EpisodeKey, deviceId, eventId, type, position, offline, clientMs, batch.SentMs, batch.ReceivedMs, corrected, hash);
        return (record, null);
    }

    private EpisodeReference ParseEpisode(JsonElement item)
    {
        var episodeIdText = Text(item, "episodeId");
        if (episodeIdText is not null)
        {
            return Guid.TryParse(episodeIdText, out var id) && id != Guid.Empty
                ? new EpisodeReference(id, string.Empty, "id:" + id.ToString("D"), null, null)
                : EpisodeReference.Bad(ListenRejectionReasons.BadEpisodeId, $"episodeId must be an episode id (a UUID); got {Show(item, "episodeId")}");
        }

        var enclosureUrl = Text(item, "enclosureUrl");
        var episodeGuid = Text(item, "episodeGuid");
        if (!string.IsNullOrWhiteSpace(episodeGuid))
        {
            var podcastGuid = Text(item, "podcastGuid");
            if (!Guid.TryParse(podcastGuid, out var show) || show == Guid.Empty)
            {
                return EpisodeReference.Bad(ListenRejectionReasons.BadPodcastGuid, $"episodeGuid needs podcastGuid, the show's podcast:guid (a UUID); got {Show(item, "podcastGuid")}");
            }

            // ARCHITECTURE.md "Identities": the episode id is UUIDv5 of the item guid in the show's namespace.
            var id = PodcastIdentity.EpisodeId(show, episodeGuid, enclosureUrl ?? string.Empty);
            return new EpisodeReference(id, string.Empty, "guid:" + show.ToString("D") + "/" + episodeGuid.Trim(), null, null);
        }

        if (enclosureUrl is not null)
        {
            var key = normalizer.Normalize(enclosureUrl);
            return key.Length > 0
                ? new EpisodeReference(Guid.Empty, key, "url:" + key, null, null)
                : EpisodeReference.Bad(ListenRejectionReasons.BadEnclosureUrl, $"enclosureUrl must be the episode's audio URL with a host; got {Show(item, "enclosureUrl")}");
        }

        return EpisodeReference.Bad(ListenRejectionReasons.MissingEpisode, "give episodeId, or episodeGuid with podcastGuid, or enclosureUrl");
    }

    private static string ContentHash(string deviceId, string reference, string type, double position, long clientMs)
    {
        // Identical content re-sent under a new eventId hashes the same; the separator cannot occur in the parts' meaning.
        var text = string.Join('\u001f', deviceId, reference, type, position.ToString("R", CultureInfo.InvariantCulture), clientMs.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    private static bool TryParseTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time)
            && time >= EarliestTime && time < LatestTime;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Show(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? Show(value) : "nothing";

    private static string Show(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return "nothing";
        }

        var raw = value.GetRawText();
        return raw.Length <= 80 ? raw : raw[..80] + "…";
    }

    private static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private readonly record struct BatchContext(long SentMs, long ReceivedMs, long SkewMs, long OldestMs, long NewestMs);

    private sealed record EpisodeReference(Guid EpisodeId, string EpisodeKey, string? Reference, string? Reason, string? Detail)
    {
        public static EpisodeReference Bad(string reason, string detail) => new(Guid.Empty, string.Empty, null, reason, detail);
    }
}
