using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Prefix.Feeds.Changes;

/// <summary>
/// Hashes values through an unambiguous byte encoding: every value is written with a presence marker and
/// every string and list with its length, so ("ab", "c") and ("a", "bc") or null and "" never collide by
/// construction. The digest is <see cref="XxHash64"/> (XXH64, seed 0): stable across processes and runtime versions
/// (unlike <see cref="string.GetHashCode()"/> or <see cref="HashCode"/>, which are seeded per process),
/// which matters because the hashes are stored in Redis between polls.
/// </summary>
/// <remarks>
/// Changing what is written here changes every stored hash: bump <see cref="FeedFingerprint.FormatVersion"/>
/// with it, so old fingerprints are read as "first parse" instead of producing a storm of false changes.
/// One instance is reused for a whole <see cref="ChangeDetector.Detect"/> call (not thread-safe).
/// </remarks>
internal sealed class CanonicalHasher : IDisposable
{
    private const byte Absent = 0;
    private const byte Present = 1;

    private byte[] _buffer;
    private int _length;

    public CanonicalHasher(int initialCapacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>Starts a new value to hash; the buffer is kept.</summary>
    public void Reset() => _length = 0;

    /// <summary>A field tag: keeps a value that moved from one field to another from hashing the same.</summary>
    public void Tag(byte tag) => Reserve(1)[0] = tag;

    public void Add(string? value)
    {
        if (value is null)
        {
            Reserve(1)[0] = Absent;
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = Reserve(5 + max);
        span[0] = Present;
        var written = Encoding.UTF8.GetBytes(value, span[5..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
        // Give back what the worst-case estimate reserved but UTF-8 did not need.
        _length -= max - written;
    }

    public void Add(bool? value) => Reserve(1)[0] = value switch { null => Absent, false => 2, true => 3 };

    public void Add(long? value)
    {
        if (value is null)
        {
            Reserve(1)[0] = Absent;
            return;
        }

        var span = Reserve(9);
        span[0] = Present;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], value.Value);
    }

    public void Add(double? value)
    {
        // -0.0 and 0.0 are the same duration; every NaN is the same "not a number".
        long? bits = value switch
        {
            null => null,
            0d => 0L,
            double.NaN => long.MinValue,
            _ => BitConverter.DoubleToInt64Bits(value.Value),
        };
        Add(bits);
    }

    /// <summary>The instant only: the same moment written with another offset is the same date.</summary>
    public void Add(DateTimeOffset? value) => Add(value?.UtcTicks);

    /// <summary>A list's length, written before its elements.</summary>
    public void AddCount(int count) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), count);

    public void Add(Guid value)
    {
        var span = Reserve(16);
        if (!value.TryWriteBytes(span))
        {
            throw new InvalidOperationException("16 bytes always hold a Guid.");
        }
    }

    public void Add(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>The 64-bit digest of everything added since <see cref="Reset"/>.</summary>
    public ulong Hash64() => Hash64(_buffer.AsSpan(0, _length));

    /// <summary>XXH64 with seed 0: the hash of everything stored between polls, the raw body included.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> data) => XxHash64.Hash(data);

    /// <summary>The 32 bits stored per field and per item: the high half, so it is independent of the low half.</summary>
    public static uint Fold32(ulong hash) => (uint)(hash >> 32);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Grow(int count)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
