using Prefix.Feeds.Changes;
using Prefix.Feeds.Model;
using static Prefix.Feeds.Tests.Changes.TestFeeds;

namespace Prefix.Feeds.Tests.Changes;

public sealed class ChangeDetectorTests
{
    [Fact]
    public void Detect_FirstParse_EverythingAddedNoReset()
    {
        var feed = Feed(Range(1, 5));

        var changes = Detect(null, feed);

        Assert.True(changes.IsFirstParse);
        Assert.False(changes.IsReset);
        Assert.True(changes.HasChanges);
        Assert.Empty(changes.ChangedFields);
        Assert.Equal(feed.Episodes, changes.Added);
        Assert.Empty(changes.Updated);
        Assert.Empty(changes.Removed);
        Assert.Equal(5, changes.Next.ItemCount);
        Assert.Equal(42UL, changes.Next.BodyHash);
    }

    [Fact]
    public void Detect_UnchangedFeed_NoChanges()
    {
        var previous = First(Feed(Range(1, 5)));

        var changes = Detect(previous, Feed(Range(1, 5)));

        Assert.False(changes.HasChanges);
        Assert.Equal(previous.ProjectionHash, changes.Next.ProjectionHash);
        Assert.Equal(previous.ToBytes(), changes.Next.ToBytes());
    }

    public static TheoryData<string> MetadataFields => new(FeedProjection.FieldNames);

    [Theory]
    [MemberData(nameof(MetadataFields))]
    public void Detect_MetadataFieldChanged_ListsExactlyThatField(string field)
    {
        var feed = Feed(Range(1, 3));
        var previous = First(feed);

        var changes = Detect(previous, Change(feed, field));

        Assert.Equal([field], changes.ChangedFields);
        Assert.Empty(changes.Added);
        Assert.Empty(changes.Updated);
        Assert.NotEqual(previous.ProjectionHash, changes.Next.ProjectionHash);
    }

    [Fact]
    public void Detect_TwoFieldsChanged_ListsBothInFieldOrder()
    {
        var feed = Feed(Range(1, 3));
        var previous = First(feed);

        var changes = Detect(previous, feed with { Language = "de", Title = "Renamed" });

        Assert.Equal(["title", "language"], changes.ChangedFields);
    }

    public static TheoryData<string> IgnoredFeedChanges => new("warnings", "bozo", "ttl", "url", "id", "showId");

    [Theory]
    [MemberData(nameof(IgnoredFeedChanges))]
    public void Detect_NonContentFeedPropertyChanged_NoChangesSameProjection(string property)
    {
        var feed = Feed(Range(1, 3));
        var previous = First(feed);
        var changed = property switch
        {
            "warnings" => feed with { Warnings = ["item 3: bad pubDate 'Foo'"] },
            "bozo" => feed with { Bozo = true },
            "ttl" => feed with { TtlMinutes = 5 },
            "url" => feed with { Url = "https://new.example.com/show.xml" },
            "id" => feed with { Id = Guid.NewGuid() },
            "showId" => feed with { ShowId = Guid.NewGuid() },
            _ => throw new ArgumentOutOfRangeException(nameof(property)),
        };

        var changes = Detect(previous, changed);

        Assert.False(changes.HasChanges);
        Assert.Equal(previous.ProjectionHash, changes.Next.ProjectionHash);
    }

    [Fact]
    public void Detect_NewEpisode_Added()
    {
        var previous = First(Feed(Range(1, 5)));

        var changes = Detect(previous, Feed(Range(1, 6)));

        var added = Assert.Single(changes.Added);
        Assert.Equal(Episode(6).Id, added.Id);
        Assert.Empty(changes.Updated);
        Assert.Empty(changes.Removed);
        Assert.False(changes.IsReset);
        Assert.Empty(changes.ChangedFields);
        Assert.Equal(6, changes.Next.ItemCount);
    }

    public static TheoryData<string> EpisodeFields => new(
        "title", "description", "publishedAt", "enclosureUrl", "enclosureType", "enclosureLength", "durationSec", "explicit",
        "episode", "season", "episodeType", "imageUrl", "transcripts", "chapters", "persons", "alternateEnclosures");

    [Theory]
    [MemberData(nameof(EpisodeFields))]
    public void Detect_EpisodeFieldEdited_Updated(string field)
    {
        var previous = First(Feed(Range(1, 5)));
        var episodes = Range(1, 5);
        episodes[2] = Edit(episodes[2], field);

        var changes = Detect(previous, Feed(episodes));

        var updated = Assert.Single(changes.Updated);
        Assert.Equal(episodes[2].Id, updated.Id);
        Assert.Empty(changes.Added);
        Assert.Empty(changes.Removed);
        Assert.Empty(changes.ChangedFields);
        Assert.NotEqual(previous.ProjectionHash, changes.Next.ProjectionHash);
    }

    [Fact]
    public void Detect_OnlyPublishedAtRawOrOffsetChanged_NotUpdated()
    {
        var previous = First(Feed(Range(1, 3)));
        var episodes = Range(1, 3);
        var date = episodes[0].PublishedAt!.Value;
        episodes[0] = episodes[0] with { PublishedAtRaw = "reformatted", PublishedAt = date.ToOffset(TimeSpan.FromHours(2)) };

        var changes = Detect(previous, Feed(episodes));

        Assert.False(changes.HasChanges);
    }

    [Fact]
    public void Detect_ItemsReordered_NoChangesSameProjection()
    {
        var previous = First(Feed(Range(1, 8)));
        var shuffled = Range(1, 8).OrderBy(e => e.Title, StringComparer.Ordinal).Reverse().ToArray();

        var changes = Detect(previous, Feed(shuffled));

        Assert.False(changes.HasChanges);
        Assert.Equal(previous.ProjectionHash, changes.Next.ProjectionHash);
    }

    [Fact]
    public void Detect_CategoriesReordered_CategoriesChanged()
    {
        var feed = Feed(Range(1, 2));
        var previous = First(feed);

        var changes = Detect(previous, feed with { Categories = [.. feed.Categories.Reverse()] });

        Assert.Equal(["categories"], changes.ChangedFields);
    }

    [Fact]
    public void Detect_DuplicateKeys_FirstOccurrenceWins()
    {
        var episodes = Range(1, 3);
        var duplicate = episodes[0] with { Title = "Duplicate" };
        var feed = Feed([.. episodes, duplicate]);

        var first = Detect(null, feed);
        var again = Detect(first.Next, Feed([.. episodes, duplicate with { Title = "Another duplicate" }]));

        Assert.Equal(3, first.Added.Count);
        Assert.Equal(3, first.Next.ItemCount);
        Assert.False(again.HasChanges);
    }

    [Fact]
    public void Detect_EpisodesWithoutIds_KeyedByGuidElseEnclosure()
    {
        var withGuid = Episode(1) with { Id = null };
        var withoutGuid = Episode(2) with { Id = null, ItemGuid = "  " };
        var fingerprint = First(Feed(withGuid, withoutGuid));

        var changes = Detect(fingerprint, Feed(
            withGuid with { EnclosureUrl = "https://cdn.example.com/moved/ep1.mp3" },
            withoutGuid with { ItemGuid = null, Title = "Renamed" }));

        Assert.Equal(2, changes.Updated.Count);
        Assert.Empty(changes.Added);
        Assert.Equal(2, changes.Next.ItemCount);
    }

    [Fact]
    public void ProjectionHash_SameAsDetectStores()
    {
        var feed = Feed(Range(1, 7));

        Assert.Equal(ChangeDetector.ProjectionHash(feed), Detect(null, feed).Next.ProjectionHash);
        Assert.Equal(16, Detect(null, feed).Next.ProjectionHashHex.Length);
    }

    [Fact]
    public void HashBody_KnownVectorAndSensitivity()
    {
        Assert.Equal(0xef46db3751d8e999UL, ChangeDetector.HashBody([])); // XXH64 of nothing, seed 0
        Assert.NotEqual(ChangeDetector.HashBody("<rss/>"u8), ChangeDetector.HashBody("<rss />"u8));
        Assert.Equal(ChangeDetector.HashBody("<rss/>"u8), ChangeDetector.HashBody("<rss/>"u8.ToArray()));
    }

    [Theory]
    [InlineData(0, 0.5, 4, 3)]
    [InlineData(256, 0.5, 4, 3)]
    [InlineData(3, -0.1, 4, 3)]
    [InlineData(3, 1.5, 4, 3)]
    [InlineData(3, double.NaN, 4, 3)]
    [InlineData(3, 0.5, -1, 3)]
    [InlineData(3, 0.5, 4, 0)]
    public void Detect_InvalidOptions_Throws(int confirmations, double fraction, int minimumItems, int rewriteMinimum)
    {
        var options = new ChangeDetectionOptions
        {
            RemovalConfirmations = confirmations,
            ResetFraction = fraction,
            ResetMinimumItems = minimumItems,
            GuidRewriteMinimum = rewriteMinimum,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => Detect(null, Feed(), options));
    }

    private static NormalizedFeed Change(NormalizedFeed feed, string field) => field switch
    {
        "title" => feed with { Title = "New title" },
        "description" => feed with { Description = "New description" },
        "imageUrl" => feed with { ImageUrl = "https://example.com/cover2.jpg" },
        "categories" => feed with { Categories = [.. feed.Categories, "Comedy"] },
        "explicit" => feed with { Explicit = null },
        "podcastGuid" => feed with { PodcastGuid = null },
        "newFeedUrl" => feed with { NewFeedUrl = "https://new.example.com/feed" },
        "locked" => feed with { Locked = true },
        "funding" => feed with { Funding = [new FeedFunding("https://example.com/support", "Support us!")] },
        "persons" => feed with { Persons = [new FeedPerson("Ada Host", "guest", "cast", null, null)] },
        "value" => feed with { Value = feed.Value! with { Recipients = [new FeedValueRecipient("Host", "node", "02abc", 90, false)] } },
        "updateFrequency" => feed with { UpdateFrequency = new FeedUpdateFrequency("Weekly", "FREQ=WEEKLY", true) },
        "type" => feed with { Type = "serial" },
        "medium" => feed with { Medium = "music" },
        "complete" => feed with { Complete = true },
        "author" => feed with { Author = "Someone else" },
        "ownerName" => feed with { OwnerName = "New owner" },
        "ownerEmail" => feed with { OwnerEmail = "new@example.com" },
        "link" => feed with { Link = "https://example.org/" },
        "language" => feed with { Language = "en-GB" },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a metadata field."),
    };

    private static NormalizedEpisode Edit(NormalizedEpisode episode, string field) => field switch
    {
        "title" => episode with { Title = "Edited" },
        "description" => episode with { Description = episode.Description + " Sponsor: X." },
        "publishedAt" => episode with { PublishedAt = episode.PublishedAt!.Value.AddMinutes(1) },
        "enclosureUrl" => episode with { EnclosureUrl = episode.EnclosureUrl + "?v=2" },
        "enclosureType" => episode with { EnclosureType = "audio/x-m4a" },
        "enclosureLength" => episode with { EnclosureLength = null },
        "durationSec" => episode with { DurationSec = episode.DurationSec + 0.5 },
        "explicit" => episode with { Explicit = true },
        "episode" => episode with { Episode = 99 },
        "season" => episode with { Season = 2 },
        "episodeType" => episode with { EpisodeType = "bonus" },
        "imageUrl" => episode with { ImageUrl = "https://example.com/ep.jpg" },
        "transcripts" => episode with { Transcripts = [new EpisodeTranscript("https://example.com/t.vtt", "text/vtt", "en", null)] },
        "chapters" => episode with { Chapters = new EpisodeChapters("https://example.com/c.json", "application/json+chapters") },
        "persons" => episode with { Persons = [new FeedPerson("Guest", "guest", null, null, null)] },
        "alternateEnclosures" => episode with { AlternateEnclosures = [new AlternateEnclosure("audio/opus", 123, 64000, "Opus", "https://example.com/e.opus")] },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not an episode field."),
    };
}
