namespace Prefix.Feeds.Parsing;

/// <summary>
/// Looks at the prolog (everything before the root element) without an XML parser: is this markup at all,
/// an HTML page, JSON, and does it carry a DOCTYPE. Only the prolog is examined, so "&lt;!DOCTYPE html&gt;"
/// inside an episode's CDATA show notes never counts.
/// </summary>
internal static class PrologScanner
{
    public static PrologScan Scan(ReadOnlySpan<char> text)
    {
        var i = SkipWhitespace(text, 0);
        if (i >= text.Length)
        {
            return new PrologScan(DocumentKind.Empty, 0, 0, false, false);
        }

        if (text[i] is '{' or '[')
        {
            return new PrologScan(DocumentKind.Json, 0, 0, false, false);
        }

        int doctypeStart = 0, doctypeLength = 0;
        var declaresEntities = false;
        while (true)
        {
            i = SkipWhitespace(text, i);
            if (i >= text.Length || text[i] != '<')
            {
                // Text before any element: a plain-text error page, or a document that is only a prolog.
                return new PrologScan(i >= text.Length && i > 0 ? DocumentKind.Markup : DocumentKind.Other, doctypeStart, doctypeLength, declaresEntities, false);
            }

            var rest = text[i..];
            if (rest.StartsWith("<?"))
            {
                i = SkipPast(text, i + 2, "?>");
            }
            else if (rest.StartsWith("<!--"))
            {
                i = SkipPast(text, i + 4, "-->");
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var afterKeyword = SkipWhitespace(text, i + "<!DOCTYPE".Length);
                if (text[afterKeyword..].StartsWith("html", StringComparison.OrdinalIgnoreCase))
                {
                    return new PrologScan(DocumentKind.Html, 0, 0, false, false);
                }

                var end = DoctypeEnd(text, i, out declaresEntities);
                if (end < 0)
                {
                    return new PrologScan(DocumentKind.Markup, i, text.Length - i, declaresEntities, true);
                }

                doctypeStart = i;
                doctypeLength = end - i;
                i = end;
            }
            else
            {
                var kind = IsHtmlElement(rest[1..]) ? DocumentKind.Html : DocumentKind.Markup;
                return new PrologScan(kind, doctypeStart, doctypeLength, declaresEntities, false);
            }

            if (i < 0)
            {
                return new PrologScan(DocumentKind.Markup, doctypeStart, doctypeLength, declaresEntities, false);
            }
        }
    }

    /// <summary>The index after a DOCTYPE's closing '&gt;', or -1 when it never closes.</summary>
    private static int DoctypeEnd(ReadOnlySpan<char> text, int start, out bool declaresEntities)
    {
        declaresEntities = false;
        var inSubset = false;
        var i = start + "<!DOCTYPE".Length;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = text[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    return -1;
                }

                i += close + 2;
                continue;
            }

            if (inSubset && c == '<')
            {
                if (text[i..].StartsWith("<!--"))
                {
                    i = SkipPast(text, i + 4, "-->");
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                }

                if (text[i..].StartsWith("<!ENTITY", StringComparison.OrdinalIgnoreCase))
                {
                    declaresEntities = true;
                }
            }

            if (c == '[')
            {
                inSubset = true;
            }
            else if (c == ']')
            {
                inSubset = false;
            }
            else if (c == '>' && !inSubset)
            {
                return i + 1;
            }

            i++;
        }

        return -1;
    }

    private static bool IsHtmlElement(ReadOnlySpan<char> name)
    {
        foreach (var tag in (ReadOnlySpan<string>)["html", "head", "body"])
        {
            if (name.StartsWith(tag, StringComparison.OrdinalIgnoreCase)
                && (name.Length == tag.Length || name[tag.Length] is '>' or ' ' or '\t' or '\r' or '\n' or '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF'))
        {
            i++;
        }

        return i;
    }

    private static int SkipPast(ReadOnlySpan<char> text, int from, string terminator)
    {
        if (from > text.Length)
        {
            return -1;
        }

        var at = text[from..].IndexOf(terminator, StringComparison.Ordinal);
        return at < 0 ? -1 : from + at + terminator.Length;
    }
}
