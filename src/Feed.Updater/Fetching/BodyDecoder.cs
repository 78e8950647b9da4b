using System.IO.Compression;
using Feed.Updater.Streams;

namespace Feed.Updater.Fetching;

/// <summary>
/// Decodes a response body while it streams in and counts the DECODED bytes against the cap, so a gzip bomb
/// (a few hundred kB that inflate to gigabytes) stops at the cap with bounded memory.
/// </summary>
internal static class BodyDecoder
{
    private const int FirstChunk = 16 * 1024;
    private const int LargestChunk = 1024 * 1024;

    /// <summary>
    /// Reads the Content-Encoding header. Exactly one coding (or none, or identity) is accepted: stacked codings
    /// ("gzip, br", "gzip, gzip") are legal in HTTP but no feed host needs them, and each layer multiplies what a
    /// bomb can inflate to; unknown codings cannot be decoded at all.
    /// </summary>
    /// <returns>The coding, or null with <paramref name="error"/> set.</returns>
    public static ContentCoding? ParseContentEncoding(string? header, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return ContentCoding.Identity;
        }

        var codings = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codings.Length > 1)
        {
            error = $"the response has stacked content encodings '{header}'; only one of gzip, deflate or br is accepted";
            return null;
        }

        // RFC 9110 §8.4.1.3: x-gzip is an alias of gzip.
        switch (codings[0].ToUpperInvariant())
        {
            case "IDENTITY":
                return ContentCoding.Identity;
            case "GZIP" or "X-GZIP":
                return ContentCoding.Gzip;
            case "DEFLATE":
                return ContentCoding.Deflate;
            case "BR":
                return ContentCoding.Brotli;
            default:
                error = $"the response has the unsupported content encoding '{header}'; only gzip, deflate and br are decoded";
                return null;
        }
    }

    /// <summary>Wraps the raw body in the decoder for the coding.</summary>
    public static async Task<Stream> OpenAsync(Stream raw, ContentCoding coding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        switch (coding)
        {
            case ContentCoding.Gzip:
                return new GZipStream(raw, CompressionMode.Decompress);
            case ContentCoding.Brotli:
                return new BrotliStream(raw, CompressionMode.Decompress);
            case ContentCoding.Deflate:
                // RFC 9110 §8.4.1.2: "deflate" means the zlib format (RFC 1950), but some servers send raw
                // deflate (RFC 1951). A zlib header is CM = 8 with the first two bytes a multiple of 31.
                var head = new byte[2];
                var read = 0;
                while (read < 2)
                {
                    var n = await raw.ReadAsync(head.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                var zlib = read == 2 && (head[0] & 0x0f) == 8 && (head[0] >> 4) <= 7 && ((head[0] << 8) | head[1]) % 31 == 0;
                var replay = new PrefixedReadStream(head.AsMemory(0, read), raw);
                return zlib ? new ZLibStream(replay, CompressionMode.Decompress) : new DeflateStream(replay, CompressionMode.Decompress);
            default:
                return raw;
        }
    }

    /// <summary>
    /// Reads the decoded stream to its end, or until more than <paramref name="cap"/> bytes came out.
    /// Memory is bounded by the cap: chunks grow to 1 MB and are joined once at the end.
    /// </summary>
    /// <param name="decoded">The decoded body.</param>
    /// <param name="cap">The most decoded bytes allowed.</param>
    /// <param name="sizeHint">Content-Length when the body is not encoded, to size the first chunk.</param>
    /// <param name="cancellationToken">The fetch's deadline and the caller's token.</param>
    /// <returns>The body, or a null body when the cap was passed; always the decoded bytes read.</returns>
    public static async Task<(byte[]? Body, long DecodedBytes)> ReadCappedAsync(Stream decoded, long cap, long? sizeHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var chunks = new List<byte[]>();

        // One byte over the cap is how "over the cap" is told from "exactly the cap".
        var limit = cap + 1;
        var current = new byte[(int)Math.Min(sizeHint is > 0 ? sizeHint.Value + 1 : FirstChunk, limit)];
        var used = 0;
        long total = 0;
        while (true)
        {
            if (used == current.Length)
            {
                chunks.Add(current);
                current = new byte[(int)Math.Min(Math.Min(current.Length * 2L, LargestChunk), limit - total)];
                used = 0;
            }

            var n = await decoded.ReadAsync(current.AsMemory(used), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            used += n;
            total += n;
            if (total > cap)
            {
                return (null, total);
            }
        }

        var body = new byte[total];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(body, offset);
            offset += chunk.Length;
        }

        current.AsSpan(0, used).CopyTo(body.AsSpan(offset));
        return (body, total);
    }
}
