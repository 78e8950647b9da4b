namespace Feed.Updater.Fetching;

/// <summary>One poll's HTTP request: the validators are sent verbatim unless the fetch is unconditional.</summary>
internal sealed record FeedFetchRequest(Uri Url, string? ETag, string? LastModified, bool Unconditional);
