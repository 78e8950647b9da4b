using System.Xml;
using Prefix.Feeds.Model;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Bytes → <see cref="NormalizedFeed"/> (FEEDS.md "Parsing and normalization").
/// </summary>
/// <remarks>
/// The steps, in order:
/// <list type="number">
/// <item>Empty body → <see cref="FeedParseErrorKind.Empty"/>.</item>
/// <item>Decode: BOM → valid UTF-8 → XML declaration → HTTP charset → Windows-1252 (<see cref="TextDecoder"/>).</item>
/// <item>Sniff the prolog (<see cref="PrologScanner"/>): JSON, HTML and non-markup bodies are refused with a reason.
/// A DOCTYPE whose internal subset declares entities is <see cref="FeedParseErrorKind.Rejected"/> without looking
/// further: that is the shape of every entity-expansion ("billion laughs") and external-entity (XXE) attack, and
/// no feed needs its own entities. Any other DOCTYPE (RSS 0.91's public one) is blanked out with a warning, so
/// the XML reader, which prohibits DTDs and has no resolver, never sees one.</item>
/// <item>Strict parse. Almost every feed is well-formed, so this is the whole cost for them.</item>
/// <item>Only if that fails: repair the text (<see cref="XmlRepair"/>: HTML entities, bare ampersands, forbidden
/// characters), set bozo, and parse again. A second failure is <see cref="FeedParseErrorKind.Malformed"/>.</item>
/// <item>Assemble: field precedence, dates, durations, enclosures and identities (<see cref="FeedAssembler"/>).</item>
/// </list>
/// </remarks>
public static class FeedParser
{
    private static readonly FeedParseOptions NoOptions = new();

    /// <summary>Parses an RSS 2.0 / iTunes / Podcasting 2.0 / Atom document into the normalized model.</summary>
    public static FeedParseResult Parse(ReadOnlyMemory<byte> body, FeedParseOptions? options = null)
    {
        options ??= NoOptions;
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Failed(FeedParseErrorKind.Empty, "The response body is empty: the server sent no feed content.");
        }

        var warnings = new FeedWarnings();
        using var text = TextDecoder.Decode(body.Span, options.ContentType, warnings);
        var prolog = PrologScanner.Scan(text.Span);
        switch (prolog.Kind)
        {
            case DocumentKind.Empty:
                return Failed(FeedParseErrorKind.Empty, "The response body holds only whitespace: the server sent no feed content.");
            case DocumentKind.Json:
                return Failed(FeedParseErrorKind.Json, "The server returned JSON instead of an RSS or Atom feed; check that the URL is the feed's address, not an API endpoint.");
            case DocumentKind.Html:
                return new FeedParseResult(null, FeedDocumentReader.HtmlError);
            case DocumentKind.Other:
                return Failed(FeedParseErrorKind.Malformed, $"The body is not XML: it starts with \"{Excerpt(text.Span)}\".");
        }

        if (RemoveSpaceBeforeDeclaration(text))
        {
            prolog = PrologScanner.Scan(text.Span);
            warnings.AddRepair("Removed whitespace before the XML declaration (XML 1.0 §2.8 requires the declaration to come first).");
        }

        if (prolog.DoctypeDeclaresEntities)
        {
            return Failed(
                FeedParseErrorKind.Rejected,
                "The document declares entities in a DOCTYPE, the mechanism of entity-expansion (\"billion laughs\") and external-entity (XXE) attacks; it was not parsed. Feeds never need entity declarations: remove the DOCTYPE.");
        }

        if (prolog.HasDoctype)
        {
            if (prolog.DoctypeUnterminated)
            {
                return Failed(FeedParseErrorKind.Malformed, "The document's DOCTYPE declaration never ends, so the XML cannot be read.");
            }

            // Blank rather than cut, so line and position numbers in later error messages stay true.
            text.Span.Slice(prolog.DoctypeStart, prolog.DoctypeLength).Fill(' ');
            warnings.Add("Ignored the document's DOCTYPE declaration; DTDs are never loaded.");
        }

        var kept = warnings.Count;
        var bozo = warnings.Bozo;
        try
        {
            return Finish(FeedDocumentReader.Read(text, warnings), options, warnings);
        }
        catch (XmlException strict)
        {
            warnings.TruncateTo(kept);
            warnings.Bozo = bozo;
            using var repaired = XmlRepair.Repair(text.Span, warnings);
            if (repaired is null)
            {
                return MalformedError(strict, repaired: false);
            }

            try
            {
                return Finish(FeedDocumentReader.Read(repaired, warnings), options, warnings);
            }
            catch (XmlException lenient)
            {
                return MalformedError(lenient, repaired: true);
            }
        }
    }

    /// <summary>
    /// Blank lines before "&lt;?xml" (a stray newline from a PHP include) make XmlReader fail on an otherwise
    /// perfect feed; shift the text left rather than paying for a failed strict parse.
    /// </summary>
    private static bool RemoveSpaceBeforeDeclaration(PooledText text)
    {
        var span = text.Span;
        var start = 0;
        while (start < span.Length && span[start] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
        {
            start++;
        }

        if (start == 0 || !span[start..].StartsWith("<?xml", StringComparison.Ordinal))
        {
            return false;
        }

        span[start..].CopyTo(span);
        text.Length -= start;
        return true;
    }

    private static FeedParseResult Finish((FeedDraft? Feed, FeedParseError? Error) read, FeedParseOptions options, FeedWarnings warnings) =>
        read.Feed is { } draft
            ? new FeedParseResult(FeedAssembler.Assemble(draft, options, warnings), null)
            : new FeedParseResult(null, read.Error);

    private static FeedParseResult MalformedError(XmlException error, bool repaired)
    {
        var what = repaired ? "The document is not well-formed XML, even after repairing entities, ampersands and control characters" : "The document is not well-formed XML";
        var hint = error.Message.StartsWith("Unexpected end of file", StringComparison.Ordinal) ? " The download may have been cut short." : "";
        return Failed(FeedParseErrorKind.Malformed, $"{what}: {error.Message}{hint}");
    }

    private static FeedParseResult Failed(FeedParseErrorKind kind, string reason) => new(null, new FeedParseError(kind, reason));

    private static string Excerpt(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        var excerpt = text[..Math.Min(text.Length, 60)].ToString();
        foreach (var c in excerpt)
        {
            if (char.IsControl(c))
            {
                excerpt = excerpt.Replace(c, ' ');
            }
        }

        return text.Length > 60 ? excerpt.TrimEnd() + "…" : excerpt.TrimEnd();
    }
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
