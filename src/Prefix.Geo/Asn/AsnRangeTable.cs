using System.Numerics;
using System.Runtime.CompilerServices;

namespace Prefix.Geo.Asn;

/// <summary>
/// Sorted, disjoint ranges of one address family as parallel arrays, searched by binary search. Immutable after
/// construction, so concurrent lookups need no synchronisation.
/// </summary>
/// <remarks>
/// An index on the top 16 bits of the address (its /16 block) narrows the binary search to the ranges starting in
/// that block: a handful of probes close together instead of ~19 spread over the whole table.
/// </remarks>
internal sealed class AsnRangeTable<T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private const int BucketCount = 1 << 16;

    private readonly T[] starts;
    private readonly T[] ends;
    private readonly uint[] asns;
    private readonly int[] organizations;

    // firstInBucket[b] = how many ranges start in a bucket below b; 65537 entries so b + 1 is always valid.
    private readonly int[] firstInBucket = new int[BucketCount + 1];

    /// <param name="ranges">Sorted and disjoint, as <see cref="RangeNormalizer"/> returns them.</param>
    public AsnRangeTable(ReadOnlySpan<AsnRange<T>> ranges)
    {
        starts = new T[ranges.Length];
        ends = new T[ranges.Length];
        asns = new uint[ranges.Length];
        organizations = new int[ranges.Length];
        for (var i = 0; i < ranges.Length; i++)
        {
            (starts[i], ends[i], asns[i], organizations[i]) = ranges[i];
        }

        var next = 0;
        for (var bucket = 0; bucket <= BucketCount; bucket++)
        {
            while (next < starts.Length && Bucket(starts[next]) < bucket)
            {
                next++;
            }

            firstInBucket[bucket] = next;
        }
    }

    public int Count => starts.Length;

    public bool TryFind(T address, out uint asn, out int organization)
    {
        // The last range starting at or before the address is the only one that can hold it: one of those starting
        // in the address's bucket, or else the last one starting before the bucket.
        var bucket = Bucket(address);
        var low = Math.Max(firstInBucket[bucket] - 1, 0);
        var high = firstInBucket[bucket + 1] - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (starts[middle] <= address)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (high >= 0 && address <= ends[high])
        {
            asn = asns[high];
            organization = organizations[high];
            return true;
        }

        asn = 0;
        organization = -1;
        return false;
    }

    private static int Bucket(T address) => int.CreateTruncating(address >>> ((Unsafe.SizeOf<T>() * 8) - 16));
}
