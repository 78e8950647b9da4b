namespace Feed.FakeHost.Observability;

/// <summary>The host's only log lines (start-up); per-request volumes go to /stats, never to the log.</summary>
internal static partial class FakeHostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Fake feed host: {FeedCount} feeds at {BaseUrl}/feeds/{{n}}.xml, seed {Seed}, version period ~{PeriodSeconds:F0} s (harmonic mean) (change fraction {ChangeFraction} at a {PollSeconds} s poll)")]
    public static partial void Started(ILogger logger, int feedCount, string baseUrl, ulong seed, double periodSeconds, double changeFraction, double pollSeconds);
}
