namespace Feed.Updater.Fetching;

/// <summary>What probing an enclosure's first bytes found.</summary>
/// <param name="Succeeded">The server answered 206 or 200 and the first bytes were read.</param>
/// <param name="Id3Size">
/// Bytes of the ID3v2 tag at the start of the file, header and footer included; 0 when the file has none;
/// null when the probe failed. Counting (COUNTING.md) uses it to tell a tag-only range request from a listen.
/// </param>
/// <param name="ContentLength">The file's total length from Content-Range (206) or Content-Length (200); null when unknown.</param>
/// <param name="StatusCode">The final response's status; 0 when no response arrived.</param>
/// <param name="Error">Why the probe failed, as a sentence; null when it succeeded.</param>
internal sealed record EnclosureProbeResult(bool Succeeded, long? Id3Size, long? ContentLength, int StatusCode, string? Error);
