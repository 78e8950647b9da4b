using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>CONTRACT STUB — the parser helper replaces the body; the signature stays.</summary>
public static class FeedParser
{
    /// <summary>Parses an RSS 2.0 / iTunes / Podcasting 2.0 / Atom document into the normalized model.</summary>
    public static FeedParseResult Parse(ReadOnlyMemory<byte> body, FeedParseOptions? options = null) =>
        throw new NotImplementedException();
}

/// <summary>What the parser knows besides the bytes.</summary>
public sealed record FeedParseOptions
{
    /// <summary>The feed URL: gives the feed id and, without podcast:guid, the show id (and so the episode ids).</summary>
    public string? FeedUrl { get; init; }

    /// <summary>The HTTP Content-Type header (its charset is one step of encoding repair).</summary>
    public string? ContentType { get; init; }
}

/// <summary>Either a feed or the reason there is none.</summary>
public sealed record FeedParseResult(NormalizedFeed? Feed, FeedParseError? Error)
{
    public bool Succeeded => Feed is not null;
}

/// <summary>Why a document is not a usable feed; <see cref="Reason"/> is for people.</summary>
public sealed record FeedParseError(FeedParseErrorKind Kind, string Reason);

public enum FeedParseErrorKind
{
    /// <summary>No bytes, or only whitespace.</summary>
    Empty,

    /// <summary>An HTML page (login, challenge, parked domain): a soft error that keeps the last good snapshot.</summary>
    Html,

    /// <summary>A JSON document.</summary>
    Json,

    /// <summary>Well-formed XML whose root is neither rss, RDF nor Atom feed.</summary>
    NotAFeed,

    /// <summary>XML that cannot be parsed even leniently.</summary>
    Malformed,

    /// <summary>A DTD, external entity or entity-expansion attempt.</summary>
    Rejected,
}
