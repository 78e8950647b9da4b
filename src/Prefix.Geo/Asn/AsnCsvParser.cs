namespace Prefix.Geo.Asn;

/// <summary>
/// Splits one ip-location-db ASN row, <c>start,end,asn,org</c>, quoted as RFC 4180 §2 describes: a field may be
/// wrapped in double quotes, and a quote inside it is doubled (<c>"LLC ""SPUTNIK"""</c>). Rows never span lines in
/// these files, so a line break inside quotes is not supported.
/// </summary>
internal static class AsnCsvParser
{
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';

    /// <summary>
    /// Reads the four fields of <paramref name="line"/> (without its line break). Quoted fields with doubled quotes
    /// are unescaped into <paramref name="scratch"/>, which must be at least as long as the line; the other fields
    /// are slices of the line.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> line,
        Span<byte> scratch,
        out ReadOnlySpan<byte> start,
        out ReadOnlySpan<byte> end,
        out ReadOnlySpan<byte> asn,
        out ReadOnlySpan<byte> organization)
    {
        start = end = asn = organization = default;
        var position = 0;
        var scratchUsed = 0;
        return TryReadField(line, ref position, scratch, ref scratchUsed, out start) && position <= line.Length
            && TryReadField(line, ref position, scratch, ref scratchUsed, out end) && position <= line.Length
            && TryReadField(line, ref position, scratch, ref scratchUsed, out asn) && position <= line.Length
            && TryReadField(line, ref position, scratch, ref scratchUsed, out organization) && position > line.Length;
    }

    /// <summary>
    /// Reads the field at <paramref name="position"/> and moves past its comma; past the end of the line
    /// (<c>position &gt; line.Length</c>) when it was the last field.
    /// </summary>
    private static bool TryReadField(ReadOnlySpan<byte> line, scoped ref int position, Span<byte> scratch, scoped ref int scratchUsed, out ReadOnlySpan<byte> field)
    {
        var rest = line[position..];
        if (rest.IsEmpty || rest[0] != Quote)
        {
            var comma = rest.IndexOf(Comma);
            field = comma < 0 ? rest : rest[..comma];
            position += field.Length + 1;
            return true;
        }

        var body = rest[1..];
        var output = scratch[scratchUsed..];
        var written = 0;
        var copied = false;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != Quote)
            {
                if (copied)
                {
                    output[written++] = body[i];
                }

                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == Quote)
            {
                // A doubled quote: from here on the field differs from the line, so build it in scratch.
                if (!copied)
                {
                    body[..i].CopyTo(output);
                    written = i;
                    copied = true;
                }

                output[written++] = Quote;
                i++;
                continue;
            }

            // The closing quote must end the field or the line.
            if (i + 1 < body.Length && body[i + 1] != Comma)
            {
                break;
            }

            field = copied ? output[..written] : body[..i];
            scratchUsed += written;
            position += i + 3; // opening quote, body, closing quote, comma
            return true;
        }

        // Unterminated quote or text after the closing quote.
        field = default;
        return false;
    }
}
