namespace Feed.Updater.Fetching;

/// <summary>
/// Log messages of feed fetching and enclosure probes. Event ids 4400–4499. Per-fetch lines are Debug: volumes go
/// to <see cref="FetchMetrics"/>, and the poller records each feed's last error where an operator looks for it.
/// </summary>
internal static partial class FetchingLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Debug, Message = "Fetched {Url}: {Outcome} {Status} in {ElapsedMs} ms, {Bytes} bytes")]
    public static partial void Fetched(ILogger logger, Uri url, FetchOutcome outcome, int status, long elapsedMs, long bytes);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Debug, Message = "Fetch of {Url} failed: {Outcome}: {Error}")]
    public static partial void FetchFailed(ILogger logger, Uri url, FetchOutcome outcome, string error);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "The SSRF guard refused a fetch of {Url}: {Error}")]
    public static partial void Blocked(ILogger logger, Uri url, string error);

    [LoggerMessage(EventId = 4410, Level = LogLevel.Debug, Message = "Probed enclosure {Url}: status {Status}, ID3 {Id3Size} bytes, length {ContentLength}")]
    public static partial void Probed(ILogger logger, Uri url, int status, long? id3Size, long? contentLength);

    [LoggerMessage(EventId = 4411, Level = LogLevel.Debug, Message = "Enclosure probe of {Url} failed: {Error}")]
    public static partial void ProbeFailed(ILogger logger, Uri url, string error);
}
