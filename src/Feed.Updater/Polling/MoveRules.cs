using Feed.Updater.Fetching;
using Feed.Updater.Storage;
using Prefix.Feeds.Events;
using Prefix.Feeds.Model;

namespace Feed.Updater.Polling;

/// <summary>
/// Feed moves (FEEDS.md "Fetching"): a permanent redirect chain or an itunes:new-feed-url must be seen
/// <see cref="PollingOptions.MoveConfirmations"/> times in a row, pointing at the same URL, before the feed's URL
/// changes and feed.moved goes out — one misconfigured deploy must not move a show. A move straight back to the
/// previous URL is refused (two feeds naming each other), and podcast:locked feeds ignore itunes:new-feed-url
/// (the lock says the show must not be moved by anyone but its owner's host; redirects from the host still apply).
/// </summary>
internal static class MoveRules
{
    private const string RedirectKind = "r ";
    private const string NewFeedUrlKind = "n ";

    public static void ObserveRedirect(PollDraft draft, FeedFetchResult fetched, PollingOptions options)
    {
        if (fetched.PermanentRedirectTarget is { } target)
        {
            Observe(draft, RedirectKind, target.AbsoluteUri, options);
        }
        else if (draft.State.MoveCandidate?.StartsWith(RedirectKind, StringComparison.Ordinal) == true)
        {
            Forget(draft);
        }
    }

    public static void ObserveNewFeedUrl(PollDraft draft, NormalizedFeed feed, PollingOptions options)
    {
        if (draft.NewUrl is not null)
        {
            return;
        }

        if (feed.NewFeedUrl is { Length: > 0 } url && !feed.Locked)
        {
            Observe(draft, NewFeedUrlKind, url, options);
        }
        else if (draft.State.MoveCandidate?.StartsWith(NewFeedUrlKind, StringComparison.Ordinal) == true)
        {
            Forget(draft);
        }
    }

    private static void Observe(PollDraft draft, string kind, string url, PollingOptions options)
    {
        var state = draft.State;
        if (string.Equals(url, state.Url, StringComparison.Ordinal) || string.Equals(url, state.PreviousUrl, StringComparison.Ordinal))
        {
            Forget(draft);
            return;
        }

        var candidate = kind + url;
        var count = string.Equals(candidate, state.MoveCandidate, StringComparison.Ordinal) ? state.MoveCount + 1 : 1;
        if (count < options.MoveConfirmations)
        {
            draft.Set(FeedStateFields.MoveCandidate, candidate);
            draft.Set(FeedStateFields.MoveCount, count);
            return;
        }

        Forget(draft);
        draft.NewUrl = url;
        draft.Set(FeedStateFields.Url, url);
        draft.Set(FeedStateExtraFields.PreviousUrl, state.Url);
        draft.Set(FeedStateExtraFields.OriginalUrl, state.IdentityUrl);
        if (kind == NewFeedUrlKind)
        {
            // A different document: its validators mean nothing for the new URL.
            draft.Delete(FeedStateFields.ETag);
            draft.Delete(FeedStateFields.LastModified);
        }

        draft.Events.Url = url;
        draft.Events.Add(FeedEventTypes.Moved, changedFields: ["url"], previousUrl: state.Url);
    }

    private static void Forget(PollDraft draft)
    {
        if (draft.State.MoveCandidate is not null)
        {
            draft.Delete(FeedStateFields.MoveCandidate);
            draft.Delete(FeedStateFields.MoveCount);
        }
    }
}
