namespace Prefix.Counting;

/// <summary>
/// Union of byte intervals, kept sorted and merged (overlapping AND adjacent intervals merge, so
/// 0-99 + 100-199 is one interval of 200 bytes). COUNTING.md stage 2: never sum ranges naively.
/// </summary>
/// <remarks>Insertion is a binary search plus a merge of the neighbours it touches; a window rarely holds more than a few intervals.</remarks>
internal sealed class ByteIntervalSet
{
    private readonly List<ByteInterval> _items = [];
    private long _boundedLength;

    public int Count => _items.Count;

    /// <summary>True when the union reaches the end of a file of unknown size.</summary>
    public bool IsUnbounded => _items.Count > 0 && _items[^1].IsOpen;

    /// <summary>Covered length, or null when <see cref="IsUnbounded"/>.</summary>
    public long? Length => IsUnbounded ? null : _boundedLength;

    public IReadOnlyList<ByteInterval> Items => _items;

    public void Clear()
    {
        _items.Clear();
        _boundedLength = 0;
    }

    public void Add(ByteInterval interval)
    {
        if (interval.End <= interval.Start)
        {
            return;
        }

        // First interval that ends at or after the new start: it overlaps or is adjacent, or lies after.
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_items[mid].End < interval.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var start = interval.Start;
        var end = interval.End;
        var last = lo;
        while (last < _items.Count && _items[last].Start <= end)
        {
            var item = _items[last];
            if (!item.IsOpen)
            {
                _boundedLength -= item.Length;
            }

            start = Math.Min(start, item.Start);
            end = Math.Max(end, item.End);
            last++;
        }

        var merged = new ByteInterval(start, end);
        if (!merged.IsOpen)
        {
            _boundedLength += merged.Length;
        }

        if (last == lo)
        {
            _items.Insert(lo, merged);
        }
        else
        {
            _items[lo] = merged;
            _items.RemoveRange(lo + 1, last - lo - 1);
        }
    }

    /// <summary>True when [0, <paramref name="end"/>) is covered without a gap (strict mode).</summary>
    public bool CoversFromZero(long end) => _items.Count > 0 && _items[0].Start == 0 && _items[0].End >= end;
}
