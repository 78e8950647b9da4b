using System.Text.Json;
using Feed.Updater.Storage;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;
using Prefix.Redis;

namespace Feed.Updater.Tests.Publishing;

/// <summary>Appends change events to <c>feeds:changes</c> exactly as the updater's commit code does (the outbox format).</summary>
internal static class ChangeEvents
{
    public static FeedChangeEvent Create(Guid feedId, long sequence, string type = FeedEventTypes.EpisodesChanged) => new()
    {
        EventId = Guid.NewGuid(),
        EventType = type,
        FeedId = feedId,
        Sequence = sequence,
        OccurredAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).AddSeconds(sequence),
        Source = new EventSource("poll"),
        Url = "https://feeds.example.com/" + feedId.ToString("N") + ".xml",
        ChangedFields = ["title"],
    };

    /// <summary>XADDs the event; returns its stream id and the JSON as stored.</summary>
    public static async Task<(string Id, string Json)> AddAsync(RedisConnection connection, FeedChangeEvent change)
    {
        var json = JsonSerializer.Serialize(change, FeedJsonContext.Default.FeedChangeEvent);
        var id = await connection.StreamAddAsync(
            UpdaterKeys.Changes,
            [
                new NameValueEntry("feed", change.FeedId.ToString("N")),
                new NameValueEntry("type", change.EventType),
                new NameValueEntry("seq", change.Sequence),
                new NameValueEntry("event", json),
            ]);
        return (id, json);
    }

    public static Task<(string Id, string Json)> AddAsync(RedisConnection connection, Guid feedId, long sequence, string type = FeedEventTypes.EpisodesChanged) =>
        AddAsync(connection, Create(feedId, sequence, type));
}
