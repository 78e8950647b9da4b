namespace Feed.Updater.Registration;

/// <summary>What <see cref="FeedRegistry.DeregisterAsync"/> did.</summary>
internal enum DeregisterOutcome
{
    /// <summary>Deregistered: no longer polled, state kept, <c>feed.deregistered</c> published.</summary>
    Done,

    /// <summary>No feed with that id.</summary>
    NotFound,

    /// <summary>Already deregistered; nothing changed, no event.</summary>
    AlreadyDeregistered,

    /// <summary>Other events for the feed kept winning the sequence compare-and-set; nothing changed, try again.</summary>
    Conflict,
}
