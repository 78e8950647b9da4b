using Prefix.Attribution.Model;

namespace Prefix.Attribution.Tests.Support;

/// <summary>Builds small hand-computable collaborations: show A promoted on show B, episode E aired at T0.</summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public Guid ShowA { get; } = Guid.NewGuid();

    public Guid ShowB { get; } = Guid.NewGuid();

    public Guid EpisodeB { get; } = Guid.NewGuid();

    public Guid OtherEpisodeB { get; } = Guid.NewGuid();

    public Guid EpisodeA1 { get; } = Guid.NewGuid();

    public Guid EpisodeA2 { get; } = Guid.NewGuid();

    public Guid DroppedCopyA { get; } = Guid.NewGuid();

    public List<QualifiedDownload> Downloads { get; } = [];

    public List<HostEpisode> HostEpisodes { get; } = [];

    public string Kind { get; set; } = CollaborationKinds.Guest;

    public double? Spend { get; set; }

    public ShowHistory History { get; set; } = ShowHistory.Complete;

    public List<HoldoutRequest> Holdout { get; } = [];

    public List<Collaboration> Others { get; } = [];

    public Dictionary<Guid, DateTimeOffset>? PublishedAt { get; set; }

    public Guid CollaborationId { get; } = Guid.NewGuid();

    /// <summary>Household of a device key: "h:" + the part before '#', so "k1#phone" and "k1#car" share one.</summary>
    public static string HouseholdOf(string key) => "h:" + key.Split('#')[0];

    public Scenario B(string key, DateTimeOffset time, Guid? episode = null)
    {
        Downloads.Add(new QualifiedDownload(key, HouseholdOf(key), ShowB, episode ?? EpisodeB, time));
        return this;
    }

    public Scenario A(string key, DateTimeOffset time, Guid? episode = null)
    {
        Downloads.Add(new QualifiedDownload(key, HouseholdOf(key), ShowA, episode ?? EpisodeA1, time));
        return this;
    }

    public Collaboration Collaboration => new(
        CollaborationId, ShowA, ShowB, [EpisodeB], Kind, T0, Spend, Spend is null ? null : "USD",
        Kind == CollaborationKinds.FeedDrop ? [DroppedCopyA] : null);

    public AttributionInput Input() => new()
    {
        Collaboration = Collaboration,
        Downloads = Downloads,
        HostEpisodes = HostEpisodes,
        PromotedHistory = History,
        Holdout = Holdout,
        OtherCollaborations = Others,
        PromotedEpisodePublishedAt = PublishedAt,
    };
}
