namespace Prefix.Feeds.Parsing;

/// <summary>The vocabularies the parser reads; everything else is skipped.</summary>
internal enum FeedNamespace
{
    /// <summary>No namespace, RSS 1.0's or RSS 0.90's: the core RSS elements.</summary>
    Rss,
    Itunes,
    Podcast,
    Atom,
    Content,
    DublinCore,
    Rdf,

    /// <summary>The RSS 1.0 enclosure module (enc:enclosure).</summary>
    Enclosure,
    Other,
}
