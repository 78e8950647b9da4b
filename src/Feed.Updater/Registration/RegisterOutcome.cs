namespace Feed.Updater.Registration;

/// <summary>What <see cref="FeedRegistry.RegisterAsync"/> did.</summary>
internal enum RegisterOutcome
{
    /// <summary>A new feed: stored, due now, <c>feed.registered</c> published.</summary>
    Created,

    /// <summary>A deregistered feed was registered again: active, due now, <c>feed.registered</c> published.</summary>
    Reregistered,

    /// <summary>The feed was already registered (under this URL or another spelling of it); nothing changed, no event.</summary>
    Existing,

    /// <summary>The URL was refused; see <see cref="RegisterResult.Rejection"/>.</summary>
    Rejected,
}
