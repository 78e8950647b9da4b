namespace Prefix.Feeds.Parsing;

/// <summary>Finds and classifies charset labels: the XML declaration's <c>encoding</c> and the HTTP <c>charset</c>.</summary>
internal static class CharsetLabels
{
    /// <summary>
    /// Classifies a label. ISO-8859-1 and US-ASCII decode as Windows-1252 (WHATWG Encoding Standard §4.2, "Names
    /// and labels"): feeds that say ISO-8859-1 routinely contain 1252 smart quotes, and 1252 agrees with Latin-1
    /// on every printable character.
    /// </summary>
    public static CharsetKind Classify(ReadOnlySpan<char> label)
    {
        label = label.Trim().Trim("\"'");
        if (label.IsEmpty)
        {
            return CharsetKind.None;
        }

        Span<char> lower = stackalloc char[32];
        if (label.Length > lower.Length)
        {
            return CharsetKind.Unsupported;
        }

        var n = label.ToLowerInvariant(lower);
        var name = lower[..n];
        return name switch
        {
            "utf-8" or "utf8" or "unicode-1-1-utf-8" => CharsetKind.Utf8,
            "utf-16" or "utf-16le" or "utf-16be" or "utf16" or "unicode" or "ucs-2" or "iso-10646-ucs-2" => CharsetKind.Utf16,
            "windows-1252" or "cp1252" or "x-cp1252" or "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "iso88591"
                or "iso_8859-1:1987" or "latin1" or "latin-1" or "l1" or "cp819" or "ibm819" or "iso-ir-100"
                or "us-ascii" or "ascii" or "ansi_x3.4-1968" => CharsetKind.Windows1252,
            _ => CharsetKind.Unsupported,
        };
    }

    /// <summary>The <c>encoding</c> pseudo-attribute of a leading XML declaration, read from ASCII-compatible bytes.</summary>
    public static string? FromProlog(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        while (start < bytes.Length && start < 64 && bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var head = bytes[start..Math.Min(bytes.Length, start + 512)];
        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = head.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = head[..end];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return null;
        }

        var close = rest[1..].IndexOf(rest[0]);
        if (close is < 1 or > 40)
        {
            return null;
        }

        var label = rest.Slice(1, close);
        return System.Text.Encoding.ASCII.GetString(label);
    }

    /// <summary>The <c>charset</c> parameter of a Content-Type header (RFC 9110 §8.3.2).</summary>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var at = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = contentType.AsSpan(at + "charset".Length).TrimStart();
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].Trim();
        var semicolon = rest.IndexOf(';');
        if (semicolon >= 0)
        {
            rest = rest[..semicolon];
        }

        rest = rest.Trim().Trim("\"'");
        return rest.IsEmpty ? null : rest.ToString();
    }
}
