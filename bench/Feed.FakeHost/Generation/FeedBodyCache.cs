namespace Feed.FakeHost.Generation;

/// <summary>
/// A byte-bounded LRU of generated bodies keyed by (feed, version). Hits matter for the feeds that send no validators
/// (same body every poll until the version moves) and for the 5,000-item feed; a miss just regenerates.
/// One lock: at the fake host's rates (thousands of lookups per second) a lock held for a dictionary probe is noise.
/// </summary>
internal sealed class FeedBodyCache(long budgetBytes)
{
    private readonly Dictionary<(int Feed, long Version), LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public FeedBody GetOrAdd(int feed, long version, Func<FeedBody> create, out bool hit)
    {
        var key = (feed, version);
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                hit = true;
                return node.Value.Body;
            }
        }

        hit = false;
        var body = create();
        Add(key, body);
        return body;
    }

    /// <summary>Re-counts an entry whose gzip form was just made (it holds more bytes now).</summary>
    public void Recount(int feed, long version)
    {
        lock (_lock)
        {
            if (_map.TryGetValue((feed, version), out var node))
            {
                var now = node.Value.Body.Footprint;
                _bytes += now - node.Value.Bytes;
                node.Value.Bytes = now;
                Trim();
            }
        }
    }

    private void Add((int Feed, long Version) key, FeedBody body)
    {
        if (body.Footprint > budgetBytes / 4)
        {
            return;
        }

        lock (_lock)
        {
            if (_map.ContainsKey(key))
            {
                return;
            }

            _map[key] = _recency.AddFirst(new Entry(key, body, body.Footprint));
            _bytes += body.Footprint;
            Trim();
        }
    }

    private void Trim()
    {
        while (_bytes > budgetBytes && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _map.Remove(oldest.Value.Key);
            _bytes -= oldest.Value.Bytes;
        }
    }

    private sealed class Entry((int Feed, long Version) key, FeedBody body, long bytes)
    {
        public (int Feed, long Version) Key { get; } = key;

        public FeedBody Body { get; } = body;

        public long Bytes { get; set; } = bytes;
    }
}
