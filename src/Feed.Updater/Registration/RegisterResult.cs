namespace Feed.Updater.Registration;

/// <summary>The answer to one registration: the feed (id, canonical URL, status) or why the URL was refused.</summary>
internal sealed record RegisterResult
{
    public required RegisterOutcome Outcome { get; init; }

    /// <summary>The feed id (<c>PodcastIdentity.ShowId</c> of the URL); <see cref="Guid.Empty"/> when rejected.</summary>
    public Guid FeedId { get; init; }

    /// <summary>The canonical URL; null when rejected.</summary>
    public string? Url { get; init; }

    /// <summary>The feed's status after the call (active, erroring, dead, gone); null when rejected.</summary>
    public string? Status { get; init; }

    public string? Rejection { get; init; }

    /// <summary>True when this call made the feed active (new or re-registered) and published <c>feed.registered</c>.</summary>
    public bool Created => Outcome is RegisterOutcome.Created or RegisterOutcome.Reregistered;

    public static RegisterResult Rejected(string reason) => new() { Outcome = RegisterOutcome.Rejected, Rejection = reason };
}
