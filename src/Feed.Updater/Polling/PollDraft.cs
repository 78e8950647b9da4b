using System.Globalization;
using Feed.Updater.Scheduling;
using Feed.Updater.Storage;

namespace Feed.Updater.Polling;

/// <summary>What one poll will write, gathered step by step and committed at the end in one go.</summary>
internal sealed class PollDraft(FeedState state, ClaimedFeed claimed, DateTimeOffset now)
{
    private readonly Dictionary<string, string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string> _delete = new(StringComparer.Ordinal);

    public FeedState State { get; } = state;
    public ClaimedFeed Claimed { get; } = claimed;
    public DateTimeOffset Now { get; } = now;
    public FeedEventFactory Events { get; } = new(state, claimed.Trigger, now);
    public FeedHistoryRows Rows { get; } = new();

    /// <summary>Enclosures of new episodes to probe for their ID3 size, with their publish time (newest first wins).</summary>
    public List<(string Url, DateTimeOffset? PublishedAt)> Probes { get; } = [];

    public string Status { get; set; } = state.Status;
    public int ConsecutiveErrors { get; set; } = state.ConsecutiveErrors;
    public DateTimeOffset? LatestEpisodeAt { get; set; } = state.LatestEpisodeAt;
    public DateTimeOffset? LastGoodAt { get; set; } = state.LastGoodAt;
    public TimeSpan? ServerCacheHint { get; set; }
    public TimeSpan? RetryAfter { get; set; }
    public byte[]? Fingerprint { get; set; }
    public string? NewUrl { get; set; }

    /// <summary>Take the feed out of the schedule (gone).</summary>
    public bool Unschedule { get; set; }

    public void Set(string field, string value)
    {
        _delete.Remove(field);
        _set[field] = value;
    }

    public void Set(string field, long value) => Set(field, value.ToString(CultureInfo.InvariantCulture));

    public void SetTime(string field, DateTimeOffset value) => Set(field, value.ToUnixTimeMilliseconds());

    /// <summary>Sets the field, or removes it when the value is null or empty.</summary>
    public void SetOrDelete(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Delete(field);
        }
        else
        {
            Set(field, value);
        }
    }

    public void Delete(string field)
    {
        _set.Remove(field);
        _delete.Add(field);
    }

    public PollCommit ToCommit(DateTimeOffset? nextCheckAt) => new()
    {
        FeedId = State.Id,
        LeaseToken = Claimed.LeaseToken,
        Set = [.. _set],
        Delete = [.. _delete],
        Fingerprint = Fingerprint,
        NextCheckAt = nextCheckAt,
        NewUrl = NewUrl,
        BuildEvents = Events.Number,
    };
}
