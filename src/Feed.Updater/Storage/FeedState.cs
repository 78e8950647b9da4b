using System.Globalization;
using Prefix.Redis;

namespace Feed.Updater.Storage;

/// <summary>One feed's latest state as the per-feed Redis hash holds it (field names in <see cref="FeedStateFields"/>).</summary>
internal sealed record FeedState
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public required string Status { get; init; }
    public long Sequence { get; init; }
    public string? LeaseToken { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? NextCheckAt { get; init; }
    public DateTimeOffset? LastCheckAt { get; init; }
    public int LastHttpStatus { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveErrors { get; init; }
    public DateTimeOffset? LastGoodAt { get; init; }
    public DateTimeOffset? LastUnconditionalAt { get; init; }
    public DateTimeOffset? LatestEpisodeAt { get; init; }
    public DateTimeOffset? RegisteredAt { get; init; }
    public string? PodcastGuid { get; init; }
    public Guid? ShowId { get; init; }
    public string? MoveCandidate { get; init; }
    public int MoveCount { get; init; }
    public int? ServerHintSeconds { get; init; }
    public string? NextCheckReason { get; init; }
    public string? Title { get; init; }
    public string? OriginalUrl { get; init; }
    public string? PreviousUrl { get; init; }

    /// <summary>The URL ids derive from: the registration URL, even after the feed moved.</summary>
    public string IdentityUrl => OriginalUrl ?? Url;

    /// <summary>Builds the state from HGETALL; null when the hash is empty (unknown feed).</summary>
    public static FeedState? FromHash(Guid id, IReadOnlyList<HashEntry> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            fields[entry.Name.ToString() ?? string.Empty] = entry.Value.ToString() ?? string.Empty;
        }

        return new FeedState
        {
            Id = id,
            Url = Text(fields, FeedStateFields.Url) ?? string.Empty,
            Status = Text(fields, FeedStateFields.Status) ?? FeedStatuses.Active,
            Sequence = Number(fields, FeedStateFields.Sequence) ?? 0,
            LeaseToken = Text(fields, FeedStateFields.LeaseToken),
            ETag = Text(fields, FeedStateFields.ETag),
            LastModified = Text(fields, FeedStateFields.LastModified),
            NextCheckAt = Time(fields, FeedStateFields.NextCheck),
            LastCheckAt = Time(fields, FeedStateFields.LastCheck),
            LastHttpStatus = (int)(Number(fields, FeedStateFields.LastHttpStatus) ?? 0),
            LastError = Text(fields, FeedStateFields.LastError),
            ConsecutiveErrors = (int)(Number(fields, FeedStateFields.ConsecutiveErrors) ?? 0),
            LastGoodAt = Time(fields, FeedStateFields.LastGoodAt),
            LastUnconditionalAt = Time(fields, FeedStateFields.LastUnconditionalAt),
            LatestEpisodeAt = Time(fields, FeedStateFields.LatestEpisodeAt),
            RegisteredAt = Time(fields, FeedStateFields.RegisteredAt),
            PodcastGuid = Text(fields, FeedStateFields.PodcastGuid),
            ShowId = Guid.TryParse(Text(fields, FeedStateFields.ShowId), out var show) ? show : null,
            MoveCandidate = Text(fields, FeedStateFields.MoveCandidate),
            MoveCount = (int)(Number(fields, FeedStateFields.MoveCount) ?? 0),
            ServerHintSeconds = (int?)Number(fields, FeedStateFields.ServerHintSeconds),
            NextCheckReason = Text(fields, FeedStateExtraFields.NextCheckReason),
            Title = Text(fields, FeedStateExtraFields.Title),
            OriginalUrl = Text(fields, FeedStateExtraFields.OriginalUrl),
            PreviousUrl = Text(fields, FeedStateExtraFields.PreviousUrl),
        };
    }

    private static string? Text(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static long? Number(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static DateTimeOffset? Time(Dictionary<string, string> fields, string name) =>
        Number(fields, name) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
