using System.Buffers.Binary;
using System.Numerics;

namespace Prefix.Edge.Recording;

/// <summary>
/// One record on disk: <c>[length u32 LE][crc32c u32 LE][payload]</c>. The checksum lets recovery
/// tell a complete record from the torn tail a crash can leave, so a half-written hit is never shipped.
/// </summary>
internal static class HitLogFrame
{
    public const int HeaderSize = 8;

    /// <summary>Larger payloads are refused at write time and treated as corruption at read time.</summary>
    public const int MaxPayload = 1024 * 1024;

    public static int Write(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Checksum(payload));
        payload.CopyTo(destination[HeaderSize..]);
        return HeaderSize + payload.Length;
    }

    /// <summary>Reads one frame at the start of <paramref name="source"/>; false when it is incomplete or corrupt.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ReadOnlySpan<byte> payload, out int frameLength)
    {
        payload = default;
        frameLength = 0;
        if (source.Length < HeaderSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (length == 0 || length > MaxPayload || source.Length < HeaderSize + (int)length)
        {
            return false;
        }

        var candidate = source.Slice(HeaderSize, (int)length);
        if (Checksum(candidate) != BinaryPrimitives.ReadUInt32LittleEndian(source[4..]))
        {
            return false;
        }

        payload = candidate;
        frameLength = HeaderSize + (int)length;
        return true;
    }

    /// <summary>CRC-32C (hardware-accelerated through <see cref="BitOperations.Crc32C(uint, ulong)"/>).</summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
