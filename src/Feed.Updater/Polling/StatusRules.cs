using Feed.Updater.Scheduling;
using Feed.Updater.Storage;
using Prefix.Feeds.Events;

namespace Feed.Updater.Polling;

/// <summary>
/// Status transitions (docs/FEEDS-UPDATER.md "States"): any success → active; ErroringAfter failures in a row →
/// erroring; the scheduling policy's dead rule → dead (checked monthly); 410 → gone at once. Every transition is a
/// feed.status_changed event.
/// </summary>
internal static class StatusRules
{
    public static void Succeeded(PollDraft draft)
    {
        draft.ConsecutiveErrors = 0;
        draft.Set(FeedStateFields.ConsecutiveErrors, 0);
        draft.Delete(FeedStateFields.LastError);
        draft.LastGoodAt = draft.Now;
        draft.SetTime(FeedStateFields.LastGoodAt, draft.Now);
        MoveTo(draft, FeedStatuses.Active);
    }

    public static void Failed(PollDraft draft, string error, PollingOptions options, NextCheckPolicy policy)
    {
        draft.ConsecutiveErrors++;
        draft.Set(FeedStateFields.ConsecutiveErrors, draft.ConsecutiveErrors);
        draft.Set(FeedStateFields.LastError, error.Length > 500 ? error[..500] : error);
        var lastGood = draft.LastGoodAt ?? draft.State.RegisteredAt;
        if (policy.IsDead(draft.ConsecutiveErrors, lastGood, draft.Now))
        {
            MoveTo(draft, FeedStatuses.Dead);
        }
        else if (draft.ConsecutiveErrors >= options.ErroringAfter && draft.Status == FeedStatuses.Active)
        {
            MoveTo(draft, FeedStatuses.Erroring);
        }
    }

    public static void Gone(PollDraft draft, Fetching.FeedFetchResult fetched)
    {
        draft.ConsecutiveErrors++;
        draft.Set(FeedStateFields.ConsecutiveErrors, draft.ConsecutiveErrors);
        draft.Set(FeedStateFields.LastError, $"the server answered {fetched.StatusCode} Gone for {fetched.FinalUrl}: the feed was removed for good and is no longer polled; register it again if it comes back");
        draft.Unschedule = true;
        MoveTo(draft, FeedStatuses.Gone);
    }

    private static void MoveTo(PollDraft draft, string status)
    {
        if (draft.Status == status)
        {
            return;
        }

        draft.Status = status;
        draft.Set(FeedStateFields.Status, status);
        draft.Events.Add(FeedEventTypes.StatusChanged, status: status);
    }
}
