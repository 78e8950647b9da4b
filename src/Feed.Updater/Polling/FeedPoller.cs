using System.Diagnostics;
using Feed.Updater.Fetching;
using Feed.Updater.Probing;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Microsoft.Extensions.Options;

namespace Feed.Updater.Polling;

/// <summary>
/// Polls one claimed feed: the class to read first.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Read the feed's state (validators, errors, sequence) from its Redis hash.</item>
/// <item>Fetch: a conditional GET with the stored ETag/Last-Modified, unconditional once a day
/// (<see cref="PollingOptions.UnconditionalEvery"/>); the fetcher enforces the size cap, deadline, redirect rules and SSRF guard.</item>
/// <item>Classify: 304 or an unchanged body hash is a cheap success; a changed body is parsed and diffed
/// (<see cref="ContentStep"/>); an HTML page or broken XML is a soft error that keeps the last good snapshot;
/// 410 marks the feed gone; everything else is an error with backoff (<see cref="StatusRules"/>).</item>
/// <item>Follow moves only after <see cref="PollingOptions.MoveConfirmations"/> identical permanent redirects or
/// itunes:new-feed-url values (<see cref="MoveRules"/>).</item>
/// <item>Insert changed episodes and the feed version into ClickHouse and wait for the insert.</item>
/// <item>Commit to Redis in one script: state, fingerprint, next check, events onto feeds:changes + PUBLISH —
/// so a crash anywhere before this loses nothing (the lease expires, the feed is polled again and the same
/// changes are found again) and after it nothing is missing.</item>
/// </list>
/// </remarks>
internal sealed class FeedPoller(
    FeedStateStore store,
    FeedFetcher fetcher,
    ContentStep content,
    NextCheckPolicy nextCheck,
    FeedHistoryWriter history,
    EnclosureProbeQueue probes,
    DueQueue dueQueue,
    PollMetrics metrics,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<FeedPoller> logger) : IFeedPollHandler
{
    private static readonly TimeSpan RetryAfterStoreFailure = TimeSpan.FromSeconds(30);

    public async Task PollAsync(ClaimedFeed feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var started = Stopwatch.GetTimestamp();
        var state = await store.GetAsync(feed.FeedId, cancellationToken).ConfigureAwait(false);
        if (state is null || !FeedStatuses.IsScheduled(state.Status))
        {
            // Deregistered or gone after it was claimed: the commit would refuse anyway; the reaper clears the lease.
            metrics.Polled("skipped", Stopwatch.GetElapsedTime(started));
            return;
        }

        var now = time.GetUtcNow();
        var unconditional = state.LastUnconditionalAt is not { } last || now - last >= options.Value.UnconditionalEvery;
        var fetched = await fetcher.FetchAsync(new FeedFetchRequest(new Uri(state.Url), state.ETag, state.LastModified, unconditional), cancellationToken).ConfigureAwait(false);

        var draft = new PollDraft(state, feed, now);
        draft.SetTime(FeedStateFields.LastCheck, now);
        draft.Set(FeedStateFields.LastHttpStatus, fetched.StatusCode);
        if (unconditional)
        {
            draft.SetTime(FeedStateFields.LastUnconditionalAt, now);
        }

        var outcome = await ClassifyAsync(draft, fetched, cancellationToken).ConfigureAwait(false);
        try
        {
            await history.WriteAsync(draft.Rows, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // ClickHouse down: nothing is committed, the feed is retried soon and finds the same changes.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            PollLog.HistoryWriteFailed(logger, state.Id, e.Message);
            await dueQueue.ReleaseAsync(feed, now + RetryAfterStoreFailure, cancellationToken).ConfigureAwait(false);
            metrics.Polled("store_failed", Stopwatch.GetElapsedTime(started));
            return;
        }

        var decision = nextCheck.Decide(new NextCheckInput
        {
            Now = now,
            // A feed that never answered well is probably new: retry it on the active tier (with backoff), not
            // the day-long tier of a feed known to be dormant.
            LatestEpisodeAt = draft.LatestEpisodeAt ?? (draft.LastGoodAt is null ? now : null),
            ConsecutiveErrors = draft.ConsecutiveErrors,
            ServerCacheHint = draft.ServerCacheHint,
            RetryAfter = draft.RetryAfter,
            Dead = draft.Status == FeedStatuses.Dead,
        });
        draft.Set(FeedStateExtraFields.NextCheckReason, draft.Unschedule ? "gone" : decision.Reason);
        var result = await store.CommitAsync(draft.ToCommit(draft.Unschedule ? null : decision.NextCheckAt), state.Sequence, cancellationToken).ConfigureAwait(false);
        if (result == PollCommitOutcome.Committed)
        {
            metrics.EventsPublished(draft.Events.Count);
            if (draft.Probes.Count > 0)
            {
                await probes.EnqueueAsync(draft.Probes, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            PollLog.CommitRefused(logger, state.Id, result.ToString());
        }

        metrics.Polled(result == PollCommitOutcome.Committed ? outcome : "commit_refused", Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Fills the draft from the fetch; returns the outcome label for metrics.</summary>
    private async Task<string> ClassifyAsync(PollDraft draft, FeedFetchResult fetched, CancellationToken cancellationToken)
    {
        switch (fetched.Outcome)
        {
            case FetchOutcome.NotModified:
                MoveRules.ObserveRedirect(draft, fetched, options.Value);
                StatusRules.Succeeded(draft);
                draft.ServerCacheHint = ServerHint(draft, fetched.CacheLifetime);
                KeepValidators(draft, fetched);
                return "not_modified";

            case FetchOutcome.Content:
                MoveRules.ObserveRedirect(draft, fetched, options.Value);
                var label = await content.ApplyAsync(draft, fetched, cancellationToken).ConfigureAwait(false);
                if (label is ContentStep.Unchanged or ContentStep.Changed)
                {
                    StatusRules.Succeeded(draft);
                    StoreValidators(draft, fetched);
                }

                return label;

            case FetchOutcome.Gone:
                StatusRules.Gone(draft, fetched);
                return "gone";

            default:
                draft.RetryAfter = fetched.RetryAfter;
                StatusRules.Failed(draft, fetched.Error ?? fetched.Outcome.ToString(), options.Value, nextCheck);
                return fetched.Outcome.ToString().ToLowerInvariant();
        }
    }

    private static TimeSpan? ServerHint(PollDraft draft, TimeSpan? cacheLifetime)
    {
        var hint = draft.State.ServerHintSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return cacheLifetime > hint || hint is null ? cacheLifetime : hint;
    }

    /// <summary>On 304 the server may or may not repeat its validators; keep ours unless it sent new ones.</summary>
    private static void KeepValidators(PollDraft draft, FeedFetchResult fetched)
    {
        if (!string.IsNullOrEmpty(fetched.ETag))
        {
            draft.Set(FeedStateFields.ETag, fetched.ETag);
        }

        if (!string.IsNullOrEmpty(fetched.LastModified))
        {
            draft.Set(FeedStateFields.LastModified, fetched.LastModified);
        }
    }

    /// <summary>A 200 replaces the validators: one it did not send must not be sent back.</summary>
    private static void StoreValidators(PollDraft draft, FeedFetchResult fetched)
    {
        draft.SetOrDelete(FeedStateFields.ETag, fetched.ETag);
        draft.SetOrDelete(FeedStateFields.LastModified, fetched.LastModified);
    }
}
