namespace Prefix.Feeds.Parsing;

/// <summary>
/// Namespace URI → vocabulary. Feeds get the iTunes URI's case wrong ("DTDs/Podcast-1.0.dtd") and use http,
/// https and the old GitHub address for the podcast namespace (AntennaPod's Itunes.java and
/// PodcastIndex.java accept the same variants), so the scheme, case and a trailing slash are ignored.
/// XmlReader atomizes namespace URIs in its name table, so each distinct URI object is classified once per
/// parse and then found by reference.
/// </summary>
internal sealed class FeedNamespaces
{
    private readonly string?[] _uris = new string?[16];
    private readonly FeedNamespace[] _kinds = new FeedNamespace[16];
    private int _count;

    public FeedNamespace Classify(string uri)
    {
        if (uri.Length == 0)
        {
            return FeedNamespace.Rss;
        }

        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_uris[i], uri))
            {
                return _kinds[i];
            }
        }

        var kind = ClassifyText(uri);
        if (_count < _uris.Length)
        {
            _uris[_count] = uri;
            _kinds[_count] = kind;
            _count++;
        }

        return kind;
    }

    internal static FeedNamespace ClassifyText(string uri)
    {
        var text = uri.AsSpan().Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        text = text.TrimEnd('/');
        if (text.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        return text switch
        {
            _ when Is(text, "itunes.com/dtds/podcast-1.0.dtd") => FeedNamespace.Itunes,
            _ when Is(text, "podcastindex.org/namespace/1.0")
                || text.StartsWith("github.com/podcastindex-org/podcast-namespace", StringComparison.OrdinalIgnoreCase) => FeedNamespace.Podcast,
            _ when Is(text, "w3.org/2005/Atom") || Is(text, "purl.org/atom/ns#") => FeedNamespace.Atom,
            _ when Is(text, "purl.org/rss/1.0/modules/content") => FeedNamespace.Content,
            _ when Is(text, "purl.org/dc/elements/1.1") => FeedNamespace.DublinCore,
            _ when Is(text, "w3.org/1999/02/22-rdf-syntax-ns#") => FeedNamespace.Rdf,
            _ when Is(text, "purl.oclc.org/net/rss_2.0/enc#") => FeedNamespace.Enclosure,
            _ when Is(text, "purl.org/rss/1.0") || Is(text, "my.netscape.com/rdf/simple/0.9")
                || Is(text, "backend.userland.com/rss2") || Is(text, "blogs.law.harvard.edu/tech/rss") => FeedNamespace.Rss,
            _ => FeedNamespace.Other,
        };
    }

    private static bool Is(ReadOnlySpan<char> text, string expected) => text.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
