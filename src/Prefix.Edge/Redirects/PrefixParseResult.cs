namespace Prefix.Edge.Redirects;

/// <summary>
/// The outcome of reading a prefix URL: a redirect, or a reason a person can act on. A bad URL is an
/// expected outcome (STYLE.md point 6), so it is a value, not an exception.
/// </summary>
internal readonly struct PrefixParseResult
{
    private PrefixParseResult(PrefixUrl? url, string? error)
    {
        Url = url;
        Error = error;
    }

    public PrefixUrl? Url { get; }

    /// <summary>Why the URL was refused; null when it is valid.</summary>
    public string? Error { get; }

    public bool IsValid => Url is not null;

    public static PrefixParseResult Valid(PrefixUrl url) => new(url, null);

    public static PrefixParseResult Invalid(string error) => new(null, error);
}
