using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Prefix.Feeds.Changes;

/// <summary>
/// What is stored per feed between polls to detect changes (FEEDS.md "Change detection"), in a compact binary form
/// (a million of them live in Redis: a 100-item feed takes 3,001 bytes).
/// </summary>
/// <remarks>
/// Format version 1, all integers little-endian:
/// <code>
/// offset  size        field
/// 0       1           format version (1)
/// 1       8           body hash
/// 9       8           projection hash
/// 17      4 × 20      metadata field hashes, in FeedProjection.FieldNames order
/// 97      4           item count n
/// 101     29 × n      items, strictly ascending by key (Guid order):
///                     key (16, Guid.TryWriteBytes layout), content hash (4), enclosure hash (4, 0 = none),
///                     published unix minutes (4, 0 = unknown), missing count (1)
/// </code>
/// The length must be exactly 101 + 29 × n. Any other version, length or an unsorted/duplicated key is rejected:
/// <see cref="TryFromBytes"/> returns false and the caller treats the feed as never parsed (first parse), which costs
/// one round of "everything added" but never a wrong diff. A change to the layout or to what the hashes cover
/// (<see cref="CanonicalHasher"/>, <see cref="FeedProjection"/>) must bump <see cref="FormatVersion"/> for that reason.
/// </remarks>
public sealed class FeedFingerprint
{
    /// <summary>The first byte of <see cref="ToBytes"/>.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Bytes before the items.</summary>
    public const int HeaderSize = 1 + 8 + 8 + (4 * MetadataFieldCount) + 4;

    /// <summary>Bytes per item.</summary>
    public const int ItemSize = FingerprintItem.Size;

    /// <summary>More items than any real feed (the largest seen have ~10,000); a bigger count is garbage.</summary>
    public const int MaxItems = 1_000_000;

    private const int MetadataFieldCount = 20;

    private readonly uint[] _fieldHashes = new uint[MetadataFieldCount];
    private readonly FingerprintItem[] _items = [];

    public ulong BodyHash { get; init; }

    public ulong ProjectionHash { get; init; }

    /// <summary>Hex of <see cref="ProjectionHash"/>: the event's feedVersion.</summary>
    public string ProjectionHashHex => ProjectionHash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Items remembered: those in the last parse plus those missing but not yet confirmed removed.</summary>
    public int ItemCount => _items.Length;

    /// <summary>The length of <see cref="ToBytes"/>.</summary>
    public int ByteCount => HeaderSize + (ItemSize * _items.Length);

    /// <summary>32 bits per metadata field, in <see cref="FeedProjection.FieldNames"/> order.</summary>
    internal ReadOnlySpan<uint> FieldHashes => _fieldHashes;

    /// <summary>Strictly ascending by key.</summary>
    internal ReadOnlySpan<FingerprintItem> Items => _items;

    public byte[] ToBytes()
    {
        var bytes = new byte[ByteCount];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64LittleEndian(span[1..], BodyHash);
        BinaryPrimitives.WriteUInt64LittleEndian(span[9..], ProjectionHash);
        var offset = 17;
        foreach (var hash in _fieldHashes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], hash);
            offset += 4;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], _items.Length);
        offset += 4;
        foreach (var item in _items)
        {
            if (!item.Key.TryWriteBytes(span[offset..]))
            {
                throw new InvalidOperationException("The buffer was sized for every item.");
            }

            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 16)..], item.ContentHash);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 20)..], item.EnclosureHash);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 24)..], item.PublishedMinutes);
            span[offset + 28] = item.MissingCount;
            offset += ItemSize;
        }

        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/> output; throws <see cref="FeedFingerprintFormatException"/> for anything else.</summary>
    public static FeedFingerprint FromBytes(ReadOnlySpan<byte> bytes) =>
        TryRead(bytes, out var fingerprint, out var error) ? fingerprint : throw new FeedFingerprintFormatException(error);

    /// <summary>
    /// Reads <see cref="ToBytes"/> output; false for garbage, truncated input or another format version. The poller then
    /// passes null to <see cref="ChangeDetector.Detect"/> (a first parse) and stores the new fingerprint over the bad one.
    /// </summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out FeedFingerprint? fingerprint) =>
        TryRead(bytes, out fingerprint, out _);

    private static bool TryRead(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out FeedFingerprint? fingerprint, out string error)
    {
        fingerprint = null;
        if (bytes.Length < HeaderSize)
        {
            error = $"A fingerprint has at least {HeaderSize} bytes, got {bytes.Length}.";
            return false;
        }

        if (bytes[0] != FormatVersion)
        {
            error = $"Unknown fingerprint format version {bytes[0]} (this build reads {FormatVersion}).";
            return false;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(HeaderSize - 4)..]);
        if (count is < 0 or > MaxItems || bytes.Length != HeaderSize + ((long)ItemSize * count))
        {
            error = $"Item count {count} does not match the length {bytes.Length}.";
            return false;
        }

        var fields = new uint[MetadataFieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(17 + (4 * i))..]);
        }

        var items = new FingerprintItem[count];
        var offset = HeaderSize;
        for (var i = 0; i < count; i++, offset += ItemSize)
        {
            var key = new Guid(bytes.Slice(offset, 16));
            if (i > 0 && items[i - 1].Key.CompareTo(key) >= 0)
            {
                error = $"Item {i} is out of order or duplicated: not a fingerprint this build wrote.";
                return false;
            }

            items[i] = new FingerprintItem(
                key,
                BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 16)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 20)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 24)..]),
                bytes[offset + 28]);
        }

        fingerprint = new FeedFingerprint(fields, items)
        {
            BodyHash = BinaryPrimitives.ReadUInt64LittleEndian(bytes[1..]),
            ProjectionHash = BinaryPrimitives.ReadUInt64LittleEndian(bytes[9..]),
        };
        error = "";
        return true;
    }

    /// <summary>An empty fingerprint (no fields, no items); <see cref="ChangeDetector.Detect"/> builds the real ones.</summary>
    public FeedFingerprint()
    {
    }

    // Trusted arrays (already validated and sorted): no copy.
    private FeedFingerprint(uint[] fieldHashes, FingerprintItem[] items)
    {
        _fieldHashes = fieldHashes;
        _items = items;
    }

    /// <summary>Built by <see cref="ChangeDetector.Detect"/> from arrays it owns; items must be strictly ascending by key.</summary>
    internal static FeedFingerprint Create(ulong bodyHash, ulong projectionHash, uint[] fieldHashes, FingerprintItem[] sortedItems) =>
        new(fieldHashes, sortedItems) { BodyHash = bodyHash, ProjectionHash = projectionHash };
}
