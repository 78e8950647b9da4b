namespace Feed.Updater.Fetching;

/// <summary>Reads the 10-byte ID3v2 header at the start of an audio file (id3.org ID3v2.3.0 §3.1, ID3v2.4.0-structure §3.1).</summary>
internal static class Id3Header
{
    /// <summary>The header's length, and the length of a v2.4 footer.</summary>
    public const int Length = 10;

    /// <summary>
    /// The tag's total size in bytes: the syncsafe size (which excludes the header) + 10, + 10 more when the v2.4
    /// footer flag (0x10) is set. 0 when the bytes are not an ID3v2 header (fewer than 10 bytes, no "ID3", a major
    /// version outside 2–4, a revision of 0xFF, or a size byte with its high bit set, which syncsafe integers never have).
    /// </summary>
    public static long TagSize(ReadOnlySpan<byte> head)
    {
        if (head.Length < Length || head[0] != (byte)'I' || head[1] != (byte)'D' || head[2] != (byte)'3')
        {
            return 0;
        }

        var major = head[3];
        if (major is < 2 or > 4 || head[4] == 0xff)
        {
            return 0;
        }

        long size = 0;
        foreach (var b in head.Slice(6, 4))
        {
            if (b >= 0x80)
            {
                return 0;
            }

            // Syncsafe: 7 bits per byte, most significant first, so no byte can look like an MPEG sync (0xFF).
            size = (size << 7) | b;
        }

        var flags = head[5];
        var footer = major == 4 && (flags & 0x10) != 0 ? Length : 0;
        return size + Length + footer;
    }
}
