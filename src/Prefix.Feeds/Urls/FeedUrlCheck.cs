using System.Diagnostics.CodeAnalysis;

namespace Prefix.Feeds.Urls;

/// <summary>
/// The outcome of <see cref="FeedUrlRules.Check"/>: either the canonical feed URL or a reason a person
/// can act on ("add https://", "remove the user name and password", …). Never both.
/// </summary>
public readonly record struct FeedUrlCheck
{
    private FeedUrlCheck(string? url, string? rejection)
    {
        Url = url;
        Rejection = rejection;
    }

    /// <summary>The canonical URL when accepted, else null.</summary>
    public string? Url { get; }

    /// <summary>Why the input was refused, else null.</summary>
    public string? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Url))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Url is not null;

    public static FeedUrlCheck Accept(string canonicalUrl) => new(canonicalUrl, null);

    public static FeedUrlCheck Reject(string reason) => new(null, reason);
}
