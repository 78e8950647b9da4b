using System.Numerics;
using System.Runtime.CompilerServices;

namespace Prefix.Geo.Asn;

/// <summary>
/// Turns possibly overlapping rows into sorted, disjoint ranges that a binary search can answer. Where rows
/// overlap the narrowest one wins, as in longest-prefix routing; among equal widths the later row wins.
/// </summary>
/// <remarks>
/// The published IPv4 file does overlap (a DoD block announced by AS749 and a narrower one by AS721), and a
/// binary search over raw rows would miss addresses in the tail of a range that encloses a narrower one.
/// Sweep: walk the boundaries in address order with the rows covering the current point in a heap ordered by
/// width; each segment runs until the winning row ends or the next row starts.
/// </remarks>
internal static class RangeNormalizer
{
    // Runs once at start-up over half a million rows: straight to optimized code instead of tier-0 plus OSR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AsnRange<T>[] Normalize<T>(IReadOnlyList<AsnRange<T>> rows)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var sorted = SortByStart(rows);
        var output = new List<AsnRange<T>>(sorted.Length);
        var covering = new PriorityQueue<int, (T Width, int Order)>();
        var next = 0;
        var point = T.Zero;
        while (next < sorted.Length || covering.Count > 0)
        {
            if (covering.Count == 0)
            {
                point = sorted[next].Start;
            }

            for (; next < sorted.Length && sorted[next].Start <= point; next++)
            {
                covering.Enqueue(next, (sorted[next].End - sorted[next].Start, -next));
            }

            // Rows that ended before the point leave lazily, when they reach the top.
            while (covering.Count > 0 && sorted[covering.Peek()].End < point)
            {
                covering.Dequeue();
            }

            if (covering.Count == 0)
            {
                continue;
            }

            var winner = sorted[covering.Peek()];
            var segmentEnd = winner.End;
            // Rows still to come start after the point, so Start - 1 cannot underflow.
            if (next < sorted.Length && sorted[next].Start - T.One < segmentEnd)
            {
                segmentEnd = sorted[next].Start - T.One;
            }

            Append(output, new AsnRange<T>(point, segmentEnd, winner.Asn, winner.Organization));
            if (segmentEnd == T.AllBitsSet)
            {
                break;
            }

            point = segmentEnd + T.One;
        }

        return [.. output];
    }

    private static AsnRange<T>[] SortByStart<T>(IReadOnlyList<AsnRange<T>> rows)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var sorted = new AsnRange<T>[rows.Count];
        var inOrder = true;
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = rows[i];
            inOrder &= i == 0 || sorted[i - 1].Start <= sorted[i].Start;
        }

        if (!inOrder)
        {
            // Array.Sort is not stable; the row number keeps "later row wins" meaningful.
            var order = Enumerable.Range(0, sorted.Length).ToArray();
            Array.Sort(order, (a, b) => rows[a].Start != rows[b].Start ? rows[a].Start.CompareTo(rows[b].Start) : a.CompareTo(b));
            for (var i = 0; i < order.Length; i++)
            {
                sorted[i] = rows[order[i]];
            }
        }

        return sorted;
    }

    private static void Append<T>(List<AsnRange<T>> output, AsnRange<T> segment)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        // Pieces of one row split around a row that started inside it but lost, join back up.
        if (output.Count > 0)
        {
            var previous = output[^1];
            if (previous.End + T.One == segment.Start && previous.Asn == segment.Asn && previous.Organization == segment.Organization)
            {
                output[^1] = previous with { End = segment.End };
                return;
            }
        }

        output.Add(segment);
    }
}
