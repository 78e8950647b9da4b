using System.Buffers.Binary;
using System.Text;
using Feed.FakeHost.Model;

namespace Feed.FakeHost.Media;

/// <summary>
/// The bytes of /media/{n}/{i}.mp3, computed for any range without materialising the file: an ID3v2.3 tag of
/// deterministic size (4–60 KB, mostly padding, as tagging tools leave it), one MPEG frame header, then
/// pseudo-random bytes in 8-byte blocks that each hash their own index (so any offset is O(1) to start at).
/// </summary>
internal readonly struct MediaFile
{
    private const long MinLength = 20L * 1024 * 1024;
    private const long MaxLength = 80L * 1024 * 1024;
    private const int MinTag = 4 * 1024;
    private const int MaxTag = 60 * 1024;
    private const ulong MediaStream = 11;

    private static ReadOnlySpan<byte> FrameSync => [0xFF, 0xFB, 0x90, 0x64];

    private readonly byte[] _tagPrefix;
    private readonly ulong _stream;

    public MediaFile(ulong seed, int feed, long item)
    {
        var h = Mix.Hash(seed, (ulong)feed, (ulong)item, MediaStream);
        Length = LengthOf(seed, feed, item);
        TagLength = MinTag + (int)(Mix.Unit(Mix.Finalize(h ^ 1)) * (MaxTag - MinTag));
        _stream = Mix.Finalize(h ^ 2);
        _tagPrefix = TagPrefix(feed, item, TagLength);
    }

    /// <summary>Total bytes (also the enclosure length in the feed): 20–80 MB.</summary>
    public long Length { get; }

    /// <summary>The whole ID3 tag including its 10-byte header.</summary>
    public int TagLength { get; }

    public static long LengthOf(ulong seed, int feed, long item) =>
        MinLength + (long)(Mix.Unit(Mix.Hash(seed, (ulong)feed, (ulong)item, MediaStream)) * (MaxLength - MinLength));

    /// <summary>Fills <paramref name="destination"/> with the file's bytes from <paramref name="offset"/>.</summary>
    public void Fill(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int written;
            if (offset < _tagPrefix.Length)
            {
                written = Math.Min(destination.Length, _tagPrefix.Length - (int)offset);
                _tagPrefix.AsSpan((int)offset, written).CopyTo(destination);
            }
            else if (offset < TagLength)
            {
                written = Math.Min(destination.Length, TagLength - (int)offset);
                destination[..written].Clear();
            }
            else if (offset < TagLength + FrameSync.Length)
            {
                var at = (int)(offset - TagLength);
                written = Math.Min(destination.Length, FrameSync.Length - at);
                FrameSync.Slice(at, written).CopyTo(destination);
            }
            else
            {
                written = FillAudio(offset - TagLength - FrameSync.Length, destination);
            }

            offset += written;
            destination = destination[written..];
        }
    }

    private int FillAudio(long audioOffset, Span<byte> destination)
    {
        var block = audioOffset >> 3;
        var skip = (int)(audioOffset & 7);
        Span<byte> word = stackalloc byte[8];
        var written = 0;
        if (skip != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Block(block++));
            written = Math.Min(8 - skip, destination.Length);
            word.Slice(skip, written).CopyTo(destination);
        }

        while (destination.Length - written >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Block(block++));
            written += 8;
        }

        if (written < destination.Length)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Block(block));
            word[..(destination.Length - written)].CopyTo(destination[written..]);
            written = destination.Length;
        }

        return written;
    }

    private ulong Block(long index) => Mix.Finalize(_stream + (0x9E3779B97F4A7C15UL * (ulong)index));

    /// <summary>ID3v2.3 header (size syncsafe, id3v2.3.0 §3.1) and TIT2/TPE1 text frames (§4.2); the rest of the tag is padding.</summary>
    private static byte[] TagPrefix(int feed, long item, int tagLength)
    {
        var tag = new List<byte>(128) { (byte)'I', (byte)'D', (byte)'3', 3, 0, 0 };
        var size = tagLength - 10;
        tag.AddRange([(byte)((size >> 21) & 0x7F), (byte)((size >> 14) & 0x7F), (byte)((size >> 7) & 0x7F), (byte)(size & 0x7F)]);
        AddTextFrame(tag, "TIT2", $"Episode {item}");
        AddTextFrame(tag, "TPE1", $"Show {feed}");
        return [.. tag];
    }

    private static void AddTextFrame(List<byte> tag, string id, string text)
    {
        // v2.3 frame sizes are plain big-endian (not syncsafe); encoding byte 0 = ISO-8859-1.
        var body = Encoding.ASCII.GetBytes(text);
        var size = body.Length + 1;
        tag.AddRange(Encoding.ASCII.GetBytes(id));
        tag.AddRange([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size, 0, 0, 0]);
        tag.AddRange(body);
    }
}
