using System.Xml;

namespace Prefix.Feeds.Parsing;

/// <summary>One XmlReader pass over decoded text: root element → format reader → draft. Throws <see cref="XmlException"/> when the text is not well-formed.</summary>
internal static class FeedDocumentReader
{
    private const string RdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    /// <summary>
    /// The reader settings the parser always uses: DTDs prohibited (the prolog scanner has already refused
    /// entity declarations and blanked any other DOCTYPE, so this is a second line of defence), no resolver
    /// (nothing is ever fetched), entity expansion capped, illegal characters rejected (the lenient path removes
    /// them), and comments, processing instructions and insignificant whitespace dropped for speed.
    /// </summary>
    private static XmlReaderSettings Settings(XmlNameTable names) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        CheckCharacters = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        NameTable = names,
        CloseInput = false,
    };

    public static (FeedDraft? Feed, FeedParseError? Error) Read(PooledText text, FeedWarnings warnings)
    {
        var table = new NameTable();
        var names = new FeedNames(table);
        using var textReader = new CharBufferReader(text.Buffer, text.Length);
        using var reader = XmlReader.Create(textReader, Settings(table));
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element)
        {
            return (null, new FeedParseError(FeedParseErrorKind.Malformed, "The document has no root element, so it is not a feed."));
        }

        var context = new FeedReadContext(reader, names, warnings);
        var name = reader.LocalName;
        if (ReferenceEquals(name, names.Rss))
        {
            var feed = RssReader.ReadRss(context);
            return feed is null
                ? (null, new FeedParseError(FeedParseErrorKind.Malformed, "The <rss> document has no <channel> element, so there is nothing to read; check the feed generator's output."))
                : (feed, null);
        }

        if (ReferenceEquals(name, names.Rdf) && reader.NamespaceURI == RdfNamespace)
        {
            var feed = RssReader.ReadRdf(context);
            return feed is null
                ? (null, new FeedParseError(FeedParseErrorKind.Malformed, "The RSS 1.0 (rdf:RDF) document has no <channel> element, so there is nothing to read."))
                : (feed, null);
        }

        if (ReferenceEquals(name, names.Feed) && context.Namespace == FeedNamespace.Atom)
        {
            return (AtomReader.ReadFeed(context), null);
        }

        if (name.Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HtmlError);
        }

        return (null, new FeedParseError(
            FeedParseErrorKind.NotAFeed,
            $"The document is XML but its root element is <{reader.Name}>, not <rss>, <rdf:RDF> or an Atom <feed>; check that the URL points at the podcast's RSS feed."));
    }

    internal static FeedParseError HtmlError { get; } = new(
        FeedParseErrorKind.Html,
        "The server returned an HTML page (a website, login, error or bot-challenge page) instead of the feed; check the URL and whether the host requires a login or blocks automated clients.");
}
