namespace Feed.FakeHost.Model;

/// <summary>What /feeds/{n}.xml does for a feed; one deterministic band of feed numbers per fault.</summary>
internal enum FeedBehavior
{
    Normal,

    /// <summary>Waits 2–5 s before the headers; half of them also dribble the body.</summary>
    Slow,

    /// <summary>Always 500.</summary>
    ServerError,

    /// <summary>200 with a text/html login page: a soft error the updater must not store as the feed.</summary>
    HtmlPage,

    /// <summary>200 with the feed cut off part-way (truncated XML).</summary>
    Malformed,

    NotFound,
    Gone,

    /// <summary>429 with Retry-After.</summary>
    TooManyRequests,

    /// <summary>301 to /feeds/{n}.xml?moved=1, which serves the feed normally.</summary>
    Redirect,
}
