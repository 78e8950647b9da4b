namespace Prefix.Feeds.Events;

/// <summary>The event types of FEEDS.md ("Notifications").</summary>
public static class FeedEventTypes
{
    public const string Registered = "feed.registered";
    public const string Deregistered = "feed.deregistered";
    public const string MetadataChanged = "feed.metadata_changed";
    public const string Moved = "feed.moved";
    public const string StatusChanged = "feed.status_changed";
    public const string EpisodesChanged = "episodes.changed";
    public const string Reset = "feed.reset";

    public static IReadOnlyList<string> All { get; } = [Registered, Deregistered, MetadataChanged, Moved, StatusChanged, EpisodesChanged, Reset];
}
