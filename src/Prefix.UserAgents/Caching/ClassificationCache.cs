using System.Collections.Concurrent;

namespace Prefix.UserAgents.Caching;

/// <summary>
/// A bounded, thread-safe map from agent text to its classification, with two generations instead of an LRU list:
/// new entries go to the young generation; when it holds half the capacity it becomes the old one and the previous
/// old one is dropped. A hit in the old generation is copied back into the young one, so agents that keep arriving
/// survive every rotation while one-off agents age out. Lookups take no lock; only a rotation does.
/// </summary>
/// <remarks>
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every internal lock, so the young generation's size is
/// kept in our own counter. Racing writers can overshoot a rotation by at most one entry each, so
/// <see cref="Count"/> stays within capacity plus the number of concurrent callers.
/// </remarks>
internal sealed class ClassificationCache
{
    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private volatile Generation _young = new();
    private volatile Generation _old = new();

    public ClassificationCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _generationSize = capacity / 2;
    }

    public int Capacity { get; }

    /// <summary>Entries held now (both generations; an agent promoted from old to young may be counted twice).</summary>
    public int Count => _young.Count + _old.Count;

    public bool TryGet(string userAgent, out UserAgentInfo info)
    {
        if (_young.Entries.TryGetValue(userAgent, out info!))
        {
            return true;
        }

        if (_old.Entries.TryGetValue(userAgent, out info!))
        {
            Add(userAgent, info);
            return true;
        }

        return false;
    }

    public void Add(string userAgent, UserAgentInfo info)
    {
        var young = _young;
        if (young.Entries.TryAdd(userAgent, info) && Interlocked.Increment(ref young.Count) >= _generationSize)
        {
            Rotate(young);
        }
    }

    private void Rotate(Generation full)
    {
        lock (_rotation)
        {
            // Another writer may have rotated already while we waited.
            if (!ReferenceEquals(_young, full))
            {
                return;
            }

            _old = full;
            _young = new Generation();
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, UserAgentInfo> Entries = new(StringComparer.Ordinal);

        public int Count;
    }
}
