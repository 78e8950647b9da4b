namespace Feed.FakeHost.Observability;

/// <summary>
/// The first time each (feed, version) went out in a 200, in serving order: the driver joins it with the updater's
/// change events to get change → notification latency. A per-feed "highest version served" array (8 bytes × feeds)
/// decides "first"; a bounded ring keeps the entries (oldest overwritten).
/// </summary>
internal sealed class ServedChanges
{
    private readonly long[] _lastServed;
    private readonly Entry[] _ring;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private long _next;

    public ServedChanges(int feedCount, int capacity, TimeProvider time)
    {
        _lastServed = new long[feedCount];
        _ring = new Entry[capacity];
        _time = time;
    }

    /// <summary>One served entry. <see cref="Initial"/>: the first version this process served for the feed (a first fetch, not a change).</summary>
    public readonly record struct Entry(int Feed, long Version, long ServedAtMs, bool Initial);

    /// <summary>
    /// Records a served version; true when it is newer than any served before for this feed, with
    /// <paramref name="initial"/> set when it is the first one at all.
    /// </summary>
    public bool Served(int feed, long version, out bool initial)
    {
        initial = false;
        ref var slot = ref _lastServed[feed];
        var previous = Volatile.Read(ref slot);
        while (version > previous)
        {
            var seen = Interlocked.CompareExchange(ref slot, version, previous);
            if (seen == previous)
            {
                initial = previous == 0;
                lock (_lock)
                {
                    // Time taken under the lock keeps the ring sorted by ServedAtMs, which the reader's search relies on.
                    _ring[_next % _ring.Length] = new Entry(feed, version, _time.GetUtcNow().ToUnixTimeMilliseconds(), initial);
                    _next++;
                }

                return true;
            }

            previous = seen;
        }

        return false;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length entries from sequence <paramref name="cursor"/> on (or the oldest kept).</summary>
    public int Read(ref long cursor, Span<Entry> destination)
    {
        lock (_lock)
        {
            cursor = Math.Max(cursor, _next - _ring.Length);
            var count = (int)Math.Min(destination.Length, _next - cursor);
            for (var i = 0; i < count; i++)
            {
                destination[i] = _ring[(cursor + i) % _ring.Length];
            }

            cursor += count;
            return count;
        }
    }

    /// <summary>The sequence number of the first kept entry served at or after <paramref name="sinceMs"/>.</summary>
    public long Seek(long sinceMs)
    {
        lock (_lock)
        {
            long low = Math.Max(0, _next - _ring.Length);
            var high = _next;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                if (_ring[mid % _ring.Length].ServedAtMs < sinceMs)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
