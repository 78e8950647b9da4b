using System.Globalization;
using System.Text.Json;
using Feed.Updater.Fetching;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;
using Prefix.Core.Episodes;
using Prefix.Feeds.Changes;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;
using Prefix.Feeds.Parsing;

namespace Feed.Updater.Polling;

/// <summary>
/// A 200 response: body hash → parse → diff → ClickHouse rows and events (FEEDS.md "Change detection" layers 2–4).
/// </summary>
internal sealed class ContentStep(
    FeedStateStore store,
    EpisodeStore episodes,
    NextCheckPolicy policy,
    EpisodeKeyNormalizer normalizer,
    PollMetrics metrics,
    IOptions<PollingOptions> options)
{
    public const string Unchanged = "unchanged";
    public const string Changed = "changed";
    public const string NotAFeed = "not_a_feed";
    private const int MaxTitleLength = 200;

    public async Task<string> ApplyAsync(PollDraft draft, FeedFetchResult fetched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(fetched);
        var state = draft.State;
        var body = fetched.Body ?? [];
        var bodyHash = ChangeDetector.HashBody(body);
        var previous = await store.GetFingerprintAsync(state.Id, cancellationToken).ConfigureAwait(false);
        draft.ServerCacheHint = Longest(state.ServerHintSeconds is { } s ? TimeSpan.FromSeconds(s) : null, fetched.CacheLifetime);
        if (previous is not null && previous.BodyHash == bodyHash)
        {
            return Unchanged;
        }

        var parsed = FeedParser.Parse(body, new FeedParseOptions { FeedUrl = state.IdentityUrl, ContentType = fetched.ContentType });
        metrics.Parsed(body.Length, parsed.Succeeded);
        if (parsed.Feed is not { } parsedFeed)
        {
            // A login page or a broken document never replaces the last good snapshot; it is an error with backoff.
            var error = parsed.Error!;
            StatusRules.Failed(draft, $"the response is not a usable feed ({error.Kind}): {error.Reason}", options.Value, policy);
            return NotAFeed;
        }

        var feed = parsedFeed with { Id = state.Id, Url = state.Url };
        var changes = ChangeDetector.Detect(previous, feed, bodyHash, new ChangeDetectionOptions { RemovalConfirmations = options.Value.RemovalConfirmations });
        draft.Fingerprint = changes.Next.ToBytes();
        draft.Events.Hashes = new EventHashes(bodyHash.ToString("x16", CultureInfo.InvariantCulture), changes.Next.ProjectionHashHex);
        RememberFeedFacts(draft, feed, fetched);
        MoveRules.ObserveNewFeedUrl(draft, feed, options.Value);
        if (!changes.HasChanges)
        {
            return Unchanged;
        }

        var showId = feed.ShowId ?? state.Id;
        var removed = await episodes.GetAsync(showId, changes.Removed, cancellationToken).ConfigureAwait(false);
        AddEvents(draft, feed, changes, removed);
        AddRows(draft, feed, changes, removed, showId, fetched);
        return Changed;
    }

    private static void RememberFeedFacts(PollDraft draft, NormalizedFeed feed, FeedFetchResult fetched)
    {
        if (feed.PodcastGuid != draft.State.PodcastGuid)
        {
            draft.SetOrDelete(FeedStateFields.PodcastGuid, feed.PodcastGuid);
            draft.Events.PodcastGuid = feed.PodcastGuid;
        }

        if (feed.ShowId is { } showId)
        {
            draft.Set(FeedStateFields.ShowId, showId.ToString("D"));
        }

        var title = feed.Title is { Length: > MaxTitleLength } longTitle ? longTitle[..MaxTitleLength] : feed.Title;
        draft.SetOrDelete(FeedStateExtraFields.Title, title);

        var ttl = feed.TtlMinutes is { } minutes and > 0 ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        if (ttl is { } t)
        {
            draft.Set(FeedStateFields.ServerHintSeconds, (long)t.TotalSeconds);
        }
        else
        {
            draft.Delete(FeedStateFields.ServerHintSeconds);
        }

        draft.ServerCacheHint = Longest(ttl, fetched.CacheLifetime);
        var latest = feed.Episodes.Max(static e => e.PublishedAt);
        if (latest is { } newest)
        {
            draft.LatestEpisodeAt = newest;
            draft.SetTime(FeedStateFields.LatestEpisodeAt, newest);
        }
    }

    private static void AddEvents(PollDraft draft, NormalizedFeed feed, FeedChanges changes, IReadOnlyList<NormalizedEpisode> removed)
    {
        var episodeChanges = FeedEventFactory.Episodes(changes.Added, changes.Updated, removed);
        if (changes.IsReset)
        {
            draft.Events.Add(FeedEventTypes.Reset, changedFields: changes.ChangedFields, episodes: episodeChanges);
            return;
        }

        var fields = changes.IsFirstParse && changes.ChangedFields.Count == 0 ? PresentFields(feed) : changes.ChangedFields;
        if (fields.Count > 0)
        {
            draft.Events.Add(FeedEventTypes.MetadataChanged, changedFields: fields);
        }

        if (changes.Added.Count + changes.Updated.Count + changes.Removed.Count > 0)
        {
            draft.Events.Add(FeedEventTypes.EpisodesChanged, episodes: episodeChanges);
        }
    }

    private void AddRows(PollDraft draft, NormalizedFeed feed, FeedChanges changes, IReadOnlyList<NormalizedEpisode> removed, Guid showId, FeedFetchResult fetched)
    {
        var state = draft.State;
        foreach (var episode in changes.Added)
        {
            draft.Rows.AddEpisode(showId, state.Id, episode, removed: false, draft.Now, normalizer);
            if (options.Value.ProbeEnclosures && episode.EnclosureUrl is { } url)
            {
                draft.Probes.Add((url, episode.PublishedAt));
            }
        }

        foreach (var episode in changes.Updated)
        {
            draft.Rows.AddEpisode(showId, state.Id, episode, removed: false, draft.Now, normalizer);
        }

        foreach (var episode in removed)
        {
            draft.Rows.AddEpisode(showId, state.Id, episode, removed: true, draft.Now, normalizer);
        }

        var metadata = JsonSerializer.Serialize(feed with { Episodes = [] }, FeedJsonContext.Default.NormalizedFeed);
        var hashes = draft.Events.Hashes!;
        draft.Rows.AddVersion(state.Id, showId, state.Sequence + draft.Events.Count, draft.Now, state.Url, fetched.StatusCode,
            hashes.Body ?? string.Empty, hashes.Projection ?? string.Empty, feed.Episodes.Count, metadata);
    }

    /// <summary>The first parse of a feed: every field it has is "changed" (from nothing).</summary>
    private static List<string> PresentFields(NormalizedFeed feed)
    {
        List<string> fields = [];
        void Add(string name, bool present)
        {
            if (present)
            {
                fields.Add(name);
            }
        }

        Add("title", feed.Title is not null);
        Add("description", feed.Description is not null);
        Add("link", feed.Link is not null);
        Add("language", feed.Language is not null);
        Add("author", feed.Author is not null);
        Add("imageUrl", feed.ImageUrl is not null);
        Add("podcastGuid", feed.PodcastGuid is not null);
        Add("categories", feed.Categories.Count > 0);
        Add("explicit", feed.Explicit is not null);
        return fields;
    }

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
