using System.Text;
using System.Text.Unicode;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Bytes → text with the repair order FEEDS.md fixes: BOM → valid UTF-8 → XML declaration → HTTP charset →
/// Windows-1252. Valid UTF-8 wins over a declaration because servers and CMSs mislabel far more often than they
/// send non-UTF-8 bytes that happen to validate as UTF-8 (the same rule as Miniflux's reader).
/// </summary>
internal static class TextDecoder
{
    public static PooledText Decode(ReadOnlySpan<byte> bytes, string? contentType, FeedWarnings warnings)
    {
        // 1. Byte order marks (XML 1.0 §4.3.3 and Appendix F).
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            var rest = bytes[3..];
            if (!Utf8.IsValid(rest))
            {
                warnings.AddRepair("The body starts with a UTF-8 byte order mark but is not valid UTF-8; invalid bytes were replaced with U+FFFD.");
            }

            return Utf8Text(rest);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Utf16Text(bytes[2..], Encoding.Unicode);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Utf16Text(bytes[2..], Encoding.BigEndianUnicode);
        }

        // BOM-less UTF-16 is recognisable from its first '<' (XML 1.0 Appendix F.1); it also validates as UTF-8
        // (NUL is a valid code point), so it must be checked first.
        if (bytes.Length >= 4 && bytes[0] == '<' && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0)
        {
            return Utf16Text(bytes, Encoding.Unicode);
        }

        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == '<' && bytes[2] == 0 && bytes[3] != 0)
        {
            return Utf16Text(bytes, Encoding.BigEndianUnicode);
        }

        var declaredLabel = CharsetLabels.FromProlog(bytes);
        var declared = declaredLabel is null ? CharsetKind.None : CharsetLabels.Classify(declaredLabel);

        // 2. Valid UTF-8 (pure ASCII is valid UTF-8 and decodes identically under every label we support).
        if (Utf8.IsValid(bytes))
        {
            if (declared is CharsetKind.Windows1252 or CharsetKind.Unsupported && !Ascii.IsValid(bytes))
            {
                warnings.AddRepair($"The XML declaration says encoding \"{declaredLabel}\" but the bytes are valid UTF-8; decoded as UTF-8.");
            }

            return Utf8Text(bytes);
        }

        // 3. The XML declaration.
        if (declared == CharsetKind.Windows1252)
        {
            return SingleByteText(bytes);
        }

        // 4. The HTTP charset.
        var httpLabel = CharsetLabels.FromContentType(contentType);
        var http = httpLabel is null ? CharsetKind.None : CharsetLabels.Classify(httpLabel);
        var problem = declared switch
        {
            CharsetKind.Utf8 => $"The XML declaration says \"{declaredLabel}\" but the bytes are not valid UTF-8",
            CharsetKind.Utf16 => $"The XML declaration says \"{declaredLabel}\" but the body has no UTF-16 byte order mark",
            CharsetKind.Unsupported => $"The XML declaration's encoding \"{declaredLabel}\" is not supported",
            _ => "The bytes are not valid UTF-8 and the XML declaration names no encoding",
        };
        if (http == CharsetKind.Windows1252)
        {
            warnings.AddRepair($"{problem}; decoded as Windows-1252 from the HTTP charset \"{httpLabel}\".");
            return SingleByteText(bytes);
        }

        // 5. Windows-1252, which decodes every byte and is what mislabelled Western feeds almost always are.
        warnings.AddRepair($"{problem}; decoded as Windows-1252.");
        return SingleByteText(bytes);
    }

    private static PooledText Utf8Text(ReadOnlySpan<byte> bytes)
    {
        var text = new PooledText(bytes.Length + 1);
        text.Length = Encoding.UTF8.GetChars(bytes, text.Buffer);
        return text;
    }

    private static PooledText Utf16Text(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var text = new PooledText(encoding.GetMaxCharCount(bytes.Length));
        text.Length = encoding.GetChars(bytes, text.Buffer);
        return text;
    }

    private static PooledText SingleByteText(ReadOnlySpan<byte> bytes)
    {
        var text = new PooledText(bytes.Length);
        Windows1252.Decode(bytes, text.Buffer);
        text.Length = bytes.Length;
        return text;
    }
}
