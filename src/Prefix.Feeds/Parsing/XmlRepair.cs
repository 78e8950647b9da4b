using System.Buffers;
using System.Globalization;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// The lenient path's text repair, run only after a strict parse failed: HTML named entities become numeric
/// references, a bare '&amp;' becomes "&amp;amp;", a '&lt;' that cannot start markup becomes "&amp;lt;", and characters
/// XML 1.0 forbids (§2.2 "Characters": C0 controls other than tab/CR/LF, U+FFFE/U+FFFF, lone surrogates) are
/// dropped, as are character references to them. CDATA sections, comments and processing instructions are
/// copied untouched (apart from forbidden characters): '&amp;' is literal there.
/// </summary>
internal static class XmlRepair
{
    // Everything the repair loop has to look at; the rest is copied in bulk.
    private static readonly SearchValues<char> Interesting = SearchValues.Create(BuildInteresting());

    /// <summary>Repairs <paramref name="text"/>; returns null when nothing needed repair.</summary>
    public static PooledText? Repair(ReadOnlySpan<char> text, FeedWarnings warnings)
    {
        var output = new PooledText(text.Length + (text.Length / 16) + 64);
        int entities = 0, ampersands = 0, angles = 0, removed = 0;
        string? exampleEntity = null;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(Interesting);
            if (next < 0)
            {
                output.Append(text[i..]);
                break;
            }

            output.Append(text.Slice(i, next));
            i += next;
            var c = text[i];
            if (c == '<')
            {
                var rest = text[i..];
                var terminator = rest.StartsWith("<![CDATA[") ? "]]>" : rest.StartsWith("<!--") ? "-->" : rest.StartsWith("<?") ? "?>" : null;
                if (terminator is not null)
                {
                    var end = rest.IndexOf(terminator, StringComparison.Ordinal);
                    var length = end < 0 ? rest.Length : end + terminator.Length;
                    removed += AppendLegal(output, rest[..length]);
                    i += length;
                }
                else if (rest.Length > 1 && (char.IsLetter(rest[1]) || rest[1] is '/' or '!' or '_' or ':'))
                {
                    output.Append('<');
                    i++;
                }
                else
                {
                    output.Append("&lt;");
                    angles++;
                    i++;
                }
            }
            else if (c == '&')
            {
                i += RepairReference(text[i..], output, ref entities, ref ampersands, ref removed, ref exampleEntity);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                output.Append(text.Slice(i, 2));
                i += 2;
            }
            else
            {
                removed++;
                i++;
            }
        }

        if (entities + ampersands + angles + removed == 0)
        {
            output.Dispose();
            return null;
        }

        if (entities > 0)
        {
            warnings.AddRepair($"Mapped {entities} HTML named entities (such as &{exampleEntity};) that XML does not define to characters.");
        }

        if (ampersands > 0)
        {
            warnings.AddRepair($"Escaped {ampersands} bare '&' characters that did not start an entity.");
        }

        if (angles > 0)
        {
            warnings.AddRepair($"Escaped {angles} '<' characters that did not start markup.");
        }

        if (removed > 0)
        {
            warnings.AddRepair($"Removed {removed} characters that XML does not allow (control characters or references to them).");
        }

        return output;
    }

    /// <summary>Handles the '&amp;' at the start of <paramref name="rest"/>; returns how many input characters it used.</summary>
    private static int RepairReference(ReadOnlySpan<char> rest, PooledText output, ref int entities, ref int ampersands, ref int removed, ref string? example)
    {
        var semicolon = rest[..Math.Min(rest.Length, 40)].IndexOf(';');
        if (semicolon > 1)
        {
            var body = rest[1..semicolon];
            if (body[0] == '#')
            {
                var hex = body.Length > 1 && body[1] is 'x' or 'X';
                var digits = body[(hex ? 2 : 1)..];
                if (int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var codePoint))
                {
                    if (IsLegalCodePoint(codePoint))
                    {
                        output.Append(rest[..(semicolon + 1)]);
                    }
                    else
                    {
                        removed++;
                    }

                    return semicolon + 1;
                }
            }
            else if (IsName(body))
            {
                if (body is "amp" or "lt" or "gt" or "quot" or "apos")
                {
                    output.Append(rest[..(semicolon + 1)]);
                    return semicolon + 1;
                }

                var mapped = HtmlEntities.Find(body);
                if (mapped >= 0)
                {
                    entities++;
                    example ??= body.ToString();
                    Span<char> reference = stackalloc char[12];
                    reference[0] = '&';
                    reference[1] = '#';
                    mapped.TryFormat(reference[2..], out var written, provider: CultureInfo.InvariantCulture);
                    reference[2 + written] = ';';
                    output.Append(reference[..(3 + written)]);
                    return semicolon + 1;
                }
            }
        }

        ampersands++;
        output.Append("&amp;");
        return 1;
    }

    private static int AppendLegal(PooledText output, ReadOnlySpan<char> text)
    {
        var removed = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 ? c is '\t' or '\n' or '\r' : c < 0xD800 || (c > 0xDFFF && c < 0xFFFE))
            {
                output.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                output.Append(text.Slice(i, 2));
                i++;
            }
            else
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (!char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLegalCodePoint(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static string BuildInteresting()
    {
        var chars = new List<char> { '<', '&', '\uFFFE', '\uFFFF' };
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                chars.Add(c);
            }
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Add(c);
        }

        return new string([.. chars]);
    }
}
