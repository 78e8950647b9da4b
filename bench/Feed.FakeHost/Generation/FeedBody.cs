using System.Buffers;
using System.IO.Compression;

namespace Feed.FakeHost.Generation;

/// <summary>
/// A generated feed document. A shared body (from the cache) is immutable and keeps its gzip form once made; an owned
/// body rents its chunks from the pool and must be disposed after its one response.
/// </summary>
internal sealed class FeedBody(ReadOnlyMemory<byte>[] chunks, int length, long version, byte[][]? rented) : IDisposable
{
    private FeedBody? _gzipped;
    private byte[][]? _rented = rented;

    public ReadOnlyMemory<byte>[] Chunks { get; } = chunks;

    public int Length { get; } = length;

    public long Version { get; } = version;

    /// <summary>Bytes held, for the cache budget (chunk arrays may be larger than their used part).</summary>
    public long Footprint => Length + (_gzipped?.Length ?? 0) + 64;

    /// <summary>The gzip form of a shared body, compressed once and kept with it.</summary>
    public FeedBody Gzipped()
    {
        if (_gzipped is { } done)
        {
            return done;
        }

        // Two threads may compress at once; both results are equal, keep whichever landed first.
        var made = Compress(pooled: false);
        return Interlocked.CompareExchange(ref _gzipped, made, null) ?? made;
    }

    /// <summary>A new gzip body (pooled: the caller disposes it).</summary>
    public FeedBody Compress(bool pooled)
    {
        var buffer = new ChunkedBuffer(pooled);
        using (var gzip = new GZipStream(new BufferWriterStream(buffer), CompressionLevel.Fastest))
        {
            foreach (var chunk in Chunks)
            {
                gzip.Write(chunk.Span);
            }
        }

        return buffer.ToBody(Version);
    }

    public void Dispose()
    {
        foreach (var chunk in Interlocked.Exchange(ref _rented, null) ?? [])
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var offset = 0;
        foreach (var chunk in Chunks)
        {
            chunk.Span.CopyTo(bytes.AsSpan(offset));
            offset += chunk.Length;
        }

        return bytes;
    }
}
