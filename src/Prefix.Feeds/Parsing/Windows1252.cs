using System.Text;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Windows-1252 decoding written out by hand: InvariantGlobalization is on and the code-pages provider is not
/// available, and <see cref="Encoding.Latin1"/> maps 0x80–0x9F to C1 controls where 1252 has the smart quotes,
/// dashes and the euro sign that mislabelled feeds are full of. The five bytes 1252 leaves undefined map to the
/// same C1 code points, as the WHATWG Encoding Standard's index does.
/// </summary>
internal static class Windows1252
{
    private static readonly char[] HighControls =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Decodes <paramref name="bytes"/> (one char per byte) into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        // Latin-1 is 1252 everywhere except 0x80–0x9F; widen with the vectorized Latin-1 decoder, then patch
        // the (usually few) bytes of that range.
        Encoding.Latin1.GetChars(bytes, destination);
        var span = destination[..bytes.Length];
        var offset = 0;
        while (true)
        {
            var index = span[offset..].IndexOfAnyInRange('\u0080', '\u009F');
            if (index < 0)
            {
                return;
            }

            offset += index;
            span[offset] = HighControls[span[offset] - 0x80];
            offset++;
        }
    }

    /// <summary>The character byte <paramref name="b"/> stands for.</summary>
    public static char ToChar(byte b) => b is >= 0x80 and <= 0x9F ? HighControls[b - 0x80] : (char)b;
}
