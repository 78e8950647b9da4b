using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Prefix.Geo.Asn;

/// <summary>Reads an ASN range CSV into rows. A malformed row fails the load, naming file and line.</summary>
/// <remarks>
/// Failing loudly is deliberate: the same install script feeds CI, so a broken data release is caught by the
/// tests instead of silently losing ranges at the edge.
/// </remarks>
internal static unsafe class AsnFileReader
{
    public static List<AsnRange<uint>> ReadIPv4(string path, OrganizationPool pool) =>
        ParseIPv4(File.ReadAllBytes(path), path, pool);

    public static List<AsnRange<UInt128>> ReadIPv6(string path, OrganizationPool pool) =>
        ParseIPv6(File.ReadAllBytes(path), path, pool);

    public static List<AsnRange<uint>> ParseIPv4(ReadOnlySpan<byte> content, string source, OrganizationPool pool) =>
        Parse<uint>(content, source, pool, &AddressBounds.TryParseIPv4);

    public static List<AsnRange<UInt128>> ParseIPv6(ReadOnlySpan<byte> content, string source, OrganizationPool pool) =>
        Parse<UInt128>(content, source, pool, &AddressBounds.TryParseIPv6);

    // Runs once at start-up over half a million rows: straight to optimized code instead of tier-0 plus OSR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<AsnRange<T>> Parse<T>(
        ReadOnlySpan<byte> content,
        string source,
        OrganizationPool pool,
        delegate*<ReadOnlySpan<byte>, out T, bool> tryParseBound)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        // Roughly 52 bytes a row in the published IPv4 file; a close first guess saves regrowing a large list.
        var rows = new List<AsnRange<T>>(content.Length / 48);
        var scratch = new byte[512];
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        for (var lineNumber = 1; !content.IsEmpty; lineNumber++)
        {
            var newline = content.IndexOf((byte)'\n');
            var line = newline < 0 ? content : content[..newline];
            content = newline < 0 ? default : content[(newline + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (scratch.Length < line.Length)
            {
                scratch = new byte[line.Length];
            }

            if (AsnCsvParser.TryParse(line, scratch, out var startText, out var endText, out var asnText, out var organization)
                && tryParseBound(startText, out var start)
                && tryParseBound(endText, out var end)
                && start <= end
                && uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
            {
                rows.Add(new AsnRange<T>(start, end, asn, pool.Intern(organization)));
            }
            else if (lineNumber > 1)
            {
                // Line 1 may be a header ("ip_range_start,..."); anything else that does not parse is damage.
                throw new InvalidDataException($"{source}:{lineNumber}: expected 'start,end,asn,organization' with start <= end.");
            }
        }

        return rows;
    }
}
