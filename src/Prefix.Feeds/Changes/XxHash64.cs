using System.Buffers.Binary;
using System.Numerics;

namespace Prefix.Feeds.Changes;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit variant, as its specification <c>doc/xxhash_spec.md</c> defines it), written here
/// because System.IO.Hashing is not among the available packages. Non-cryptographic and about ten times faster than
/// SHA-256 on this machine; nobody gains from forging a collision (a publisher could only hide its own feed's change
/// from the updater until the next real edit), so speed wins. Verified against the reference library in the tests.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        var length = (ulong)data.Length;
        ulong hash;
        if (data.Length >= 32)
        {
            // Four independent lanes over 32-byte stripes: the CPU overlaps their multiplications.
            var lane1 = seed + Prime1 + Prime2;
            var lane2 = seed + Prime2;
            var lane3 = seed;
            var lane4 = seed - Prime1;
            do
            {
                lane1 = Round(lane1, BinaryPrimitives.ReadUInt64LittleEndian(data));
                lane2 = Round(lane2, BinaryPrimitives.ReadUInt64LittleEndian(data[8..]));
                lane3 = Round(lane3, BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
                lane4 = Round(lane4, BinaryPrimitives.ReadUInt64LittleEndian(data[24..]));
                data = data[32..];
            }
            while (data.Length >= 32);

            hash = BitOperations.RotateLeft(lane1, 1) + BitOperations.RotateLeft(lane2, 7)
                + BitOperations.RotateLeft(lane3, 12) + BitOperations.RotateLeft(lane4, 18);
            hash = Merge(hash, lane1);
            hash = Merge(hash, lane2);
            hash = Merge(hash, lane3);
            hash = Merge(hash, lane4);
        }
        else
        {
            hash = seed + Prime5;
        }

        hash += length;
        while (data.Length >= 8)
        {
            hash ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data));
            hash = (BitOperations.RotateLeft(hash, 27) * Prime1) + Prime4;
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(data) * Prime1;
            hash = (BitOperations.RotateLeft(hash, 23) * Prime2) + Prime3;
            data = data[4..];
        }

        foreach (var b in data)
        {
            hash ^= b * Prime5;
            hash = BitOperations.RotateLeft(hash, 11) * Prime1;
        }

        // Avalanche: every input bit reaches every output bit.
        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        hash ^= hash >> 32;
        return hash;
    }

    private static ulong Round(ulong accumulator, ulong lane)
    {
        accumulator += lane * Prime2;
        accumulator = BitOperations.RotateLeft(accumulator, 31);
        return accumulator * Prime1;
    }

    private static ulong Merge(ulong hash, ulong lane)
    {
        hash ^= Round(0, lane);
        return (hash * Prime1) + Prime4;
    }
}
