namespace Prefix.Feeds.Model;

/// <summary>podcast:funding.</summary>
public sealed record FeedFunding(string Url, string? Text);

/// <summary>podcast:person (feed or item level).</summary>
public sealed record FeedPerson(string Name, string? Role, string? Group, string? Img, string? Href);

/// <summary>podcast:value with its recipients.</summary>
public sealed record FeedValue(string Type, string Method, string? Suggested, IReadOnlyList<FeedValueRecipient> Recipients);

/// <summary>podcast:valueRecipient.</summary>
public sealed record FeedValueRecipient(string? Name, string Type, string Address, double? Split, bool Fee);

/// <summary>podcast:updateFrequency: the text plus its optional rrule and complete flag.</summary>
public sealed record FeedUpdateFrequency(string? Text, string? Rrule, bool Complete);

/// <summary>podcast:transcript.</summary>
public sealed record EpisodeTranscript(string Url, string? Type, string? Language, string? Rel);

/// <summary>podcast:chapters.</summary>
public sealed record EpisodeChapters(string Url, string? Type);

/// <summary>podcast:alternateEnclosure with the URI of its first source.</summary>
public sealed record AlternateEnclosure(string Type, long? Length, int? Bitrate, string? Title, string? Url);
