namespace Feed.Updater.Fetching;

/// <summary>
/// Thrown by <see cref="SsrfGuard"/>'s connect callback when every address of a host is refused. The HTTP handler
/// wraps it in an <see cref="HttpRequestException"/>; the fetcher finds it in the inner-exception chain and reports
/// <see cref="FetchOutcome.Blocked"/>. The message names the addresses and the rule that refused each one.
/// </summary>
internal sealed class SsrfBlockedException : Exception
{
    public SsrfBlockedException()
        : base("the address is refused by the SSRF guard")
    {
    }

    public SsrfBlockedException(string message)
        : base(message)
    {
    }

    public SsrfBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
