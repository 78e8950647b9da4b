using System.Text.Json;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;

namespace Feed.Updater.Registration;

/// <summary>Builds the registration events' JSON (the thin envelope of FEEDS.md "Notifications").</summary>
internal static class RegistrationEvents
{
    private static readonly EventSource RegisterSource = new(FeedRegistry.TriggerRegister);

    /// <summary>A new feed's <c>feed.registered</c>: sequence 1; no podcast guid yet (nothing parsed).</summary>
    public static byte[] Registered(Guid feedId, string url, DateTimeOffset now, string trigger) =>
        Serialize(FeedEventTypes.Registered, feedId, url, podcastGuid: null, sequence: 1, now, trigger, FeedRegistry.StatusActive);

    public static byte[] Reregistered(Guid feedId, string url, string? podcastGuid, long sequence, DateTimeOffset now, string trigger) =>
        Serialize(FeedEventTypes.Registered, feedId, url, podcastGuid, sequence, now, trigger, FeedRegistry.StatusActive);

    public static byte[] Deregistered(Guid feedId, string? url, string? podcastGuid, long sequence, DateTimeOffset now, string trigger) =>
        Serialize(FeedEventTypes.Deregistered, feedId, url ?? string.Empty, podcastGuid, sequence, now, trigger, FeedRegistry.StatusDeregistered);

    private static byte[] Serialize(string type, Guid feedId, string url, string? podcastGuid, long sequence, DateTimeOffset now, string trigger, string status) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new FeedChangeEvent
            {
                // UUIDv7: time-ordered ids, so consumers' dedupe indexes stay append-mostly.
                EventId = Guid.CreateVersion7(now),
                EventType = type,
                FeedId = feedId,
                PodcastGuid = string.IsNullOrEmpty(podcastGuid) ? null : podcastGuid,
                Sequence = sequence,
                OccurredAt = now,
                Source = trigger == FeedRegistry.TriggerRegister ? RegisterSource : new EventSource(trigger),
                Url = url,
                Status = status,
            },
            FeedJsonContext.Default.FeedChangeEvent);
}
