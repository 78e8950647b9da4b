using Prefix.Core.Identities;
using Prefix.Feeds.Changes;
using Prefix.Feeds.Model;

namespace Prefix.Feeds.Tests.Changes;

/// <summary>Builds normalized feeds directly (the parser is not involved in change detection).</summary>
internal static class TestFeeds
{
    public static readonly Guid ShowId = new("6a08eaa9-0d92-55eb-8198-9c13d37c83f2");

    public static readonly ChangeDetectionOptions Defaults = new();

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Episode number <paramref name="n"/>: guid "guid-n", enclosure ep{n}.mp3, published n days after 2024-01-01.</summary>
    public static NormalizedEpisode Episode(int n, string? guid = null) => Episode(n, guid ?? $"guid-{n}", ShowId);

    public static NormalizedEpisode Episode(int n, string guid, Guid showId) => new()
    {
        Id = PodcastIdentity.EpisodeId(showId, guid, $"https://cdn.example.com/show/ep{n}.mp3"),
        ItemGuid = guid,
        Title = $"Episode {n}",
        Description = $"<p>Notes for episode {n}.</p>",
        PublishedAt = Epoch.AddDays(n),
        PublishedAtRaw = Epoch.AddDays(n).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        EnclosureUrl = $"https://cdn.example.com/show/ep{n}.mp3",
        EnclosureType = "audio/mpeg",
        EnclosureLength = 1_000_000 + n,
        DurationSec = 1800 + n,
        Episode = n,
        EpisodeType = "full",
    };

    /// <summary>Episodes <paramref name="first"/>..<paramref name="last"/>, newest first as feeds list them.</summary>
    public static NormalizedEpisode[] Range(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Reverse().Select(n => Episode(n)).ToArray();

    public static NormalizedFeed Feed(params NormalizedEpisode[] episodes) => new()
    {
        Id = Guid.Parse("0e8f1cf1-6f57-5d1c-9c43-5c5b8a5c1b11"),
        ShowId = ShowId,
        Url = "https://feeds.example.com/show.xml",
        PodcastGuid = ShowId.ToString(),
        Title = "The Example Show",
        Description = "A show about examples.",
        Link = "https://example.com/",
        Language = "en",
        Author = "Example Media",
        OwnerName = "Example Owner",
        OwnerEmail = "owner@example.com",
        ImageUrl = "https://example.com/cover.jpg",
        Categories = ["Technology", "Education > Courses"],
        Explicit = false,
        Type = "episodic",
        Medium = "podcast",
        Funding = [new FeedFunding("https://example.com/support", "Support us")],
        Persons = [new FeedPerson("Ada Host", "host", "cast", null, null)],
        Value = new FeedValue("lightning", "keysend", "0.00000005", [new FeedValueRecipient("Host", "node", "02abc", 100, false)]),
        UpdateFrequency = new FeedUpdateFrequency("Weekly", "FREQ=WEEKLY", false),
        TtlMinutes = 60,
        Episodes = episodes,
    };

    /// <summary>Detect with body hash 42 and the given (default) options.</summary>
    public static FeedChanges Detect(FeedFingerprint? previous, NormalizedFeed feed, ChangeDetectionOptions? options = null) =>
        ChangeDetector.Detect(previous, feed, bodyHash: 42, options ?? Defaults);

    /// <summary>The fingerprint after a first parse of <paramref name="feed"/>.</summary>
    public static FeedFingerprint First(NormalizedFeed feed) => Detect(null, feed).Next;
}
