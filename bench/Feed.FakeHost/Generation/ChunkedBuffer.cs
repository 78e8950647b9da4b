using System.Buffers;
using System.Buffers.Text;

namespace Feed.FakeHost.Generation;

/// <summary>
/// An append-only byte buffer in 64 KB chunks. Feeds are written straight into it as UTF-8 (no XmlWriter, no strings),
/// and the chunks stay below the 85,000-byte large-object threshold, so a 100 KB body per request costs gen-0
/// allocations instead of LOH churn. A pooled buffer rents its chunks instead (for a body that lives only as long as
/// one response): most bodies are never asked for again before they change, so caching them would only feed gen 2.
/// </summary>
internal sealed class ChunkedBuffer(bool pooled) : IBufferWriter<byte>
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _done = [];
    private readonly List<byte[]>? _rented = pooled ? [] : null;
    private byte[] _current = [];
    private int _used;
    private int _length;

    public int Length => _length;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_current.Length - _used < Math.Max(sizeHint, 1))
        {
            Seal();
            _current = NewChunk(Math.Max(ChunkSize, sizeHint));
        }

        return _current.AsSpan(_used);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _current.AsMemory(_used);
    }

    public void Advance(int count)
    {
        _used += count;
        _length += count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var free = _current.Length - _used;
            if (free == 0)
            {
                Seal();
                _current = NewChunk(ChunkSize);
                free = _current.Length;
            }

            var take = Math.Min(free, bytes.Length);
            bytes[..take].CopyTo(_current.AsSpan(_used));
            Advance(take);
            bytes = bytes[take..];
        }
    }

    public void Write(byte b)
    {
        GetSpan(1)[0] = b;
        Advance(1);
    }

    /// <summary>One ASCII character (without this overload a char would bind to Write(long) and print its code).</summary>
    public void Write(char ascii) => Write((byte)ascii);

    public void Write(long value)
    {
        Utf8Formatter.TryFormat(value, GetSpan(20), out var written);
        Advance(written);
    }

    /// <summary>Two digits, zero-padded (durations).</summary>
    public void WriteTwoDigits(long value)
    {
        var span = GetSpan(2);
        span[0] = (byte)('0' + (value / 10 % 10));
        span[1] = (byte)('0' + (value % 10));
        Advance(2);
    }

    /// <summary>RFC 1123 date ("Sun, 06 Nov 1994 08:49:37 GMT"), or with a numeric zone ("+0000") as many feeds write it.</summary>
    public void WriteDate(long unixMs, bool numericZone)
    {
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).TryFormat(GetSpan(32), out var written, "r", null);
        if (numericZone)
        {
            Advance(written - 3);
            Write("+0000"u8);
        }
        else
        {
            Advance(written);
        }
    }

    public void Write(Guid value)
    {
        value.TryFormat(GetSpan(36), out var written, "D");
        Advance(written);
    }

    /// <summary>The chunks written so far; the buffer must not be used afterwards.</summary>
    public FeedBody ToBody(long version)
    {
        Seal();
        return new FeedBody([.. _done], _length, version, _rented?.ToArray());
    }

    private byte[] NewChunk(int size)
    {
        if (_rented is null)
        {
            return new byte[size];
        }

        var chunk = ArrayPool<byte>.Shared.Rent(size);
        _rented.Add(chunk);
        return chunk;
    }

    private void Seal()
    {
        if (_used == 0)
        {
            return;
        }

        // A mostly empty last chunk would cost the cache up to 64 KB per entry: keep an exact copy instead.
        _done.Add(_rented is null && _used < _current.Length / 2 ? _current.AsSpan(0, _used).ToArray() : _current.AsMemory(0, _used));
        _current = [];
        _used = 0;
    }
}
