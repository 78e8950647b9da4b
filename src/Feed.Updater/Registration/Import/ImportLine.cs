using System.Diagnostics.CodeAnalysis;
using Prefix.Feeds.Urls;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// One URL read from an import body: where it was (1-based line of the body; for OPML the XML line of the
/// <c>outline</c>, for a CSV record the line it starts on) and either its canonical URL or why it was refused.
/// </summary>
internal readonly record struct ImportLine(long Line, string? Url, string? Rejection)
{
    [MemberNotNullWhen(true, nameof(Url))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Url is not null;

    public static ImportLine From(long line, FeedUrlCheck check) => new(line, check.Url, check.Rejection);

    public static ImportLine Reject(long line, string reason) => new(line, null, reason);
}
