namespace Prefix.Counting;

/// <summary>
/// Puts hits in <see cref="HitOrder"/> (episode key, listener key ordinal, then time, then hit id) for
/// <see cref="CountingEngine.Count"/>. Strings are ranked once and the sort runs on small structs:
/// comparing long URL keys a million times·log n was most of the cost of an unsorted day.
/// </summary>
internal static class HitSorter
{
    public static CountingHit[] Sort(IEnumerable<CountingHit> hits)
    {
        var array = hits.ToArray();
        if (IsOrdered(array))
        {
            return array;
        }

        var episodes = Rank(array, static h => h.EpisodeKey);
        var listeners = Rank(array, static h => h.ListenerKey);
        var keys = new SortKey[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = new SortKey(episodes[i], listeners[i], array[i].Time.UtcTicks, array[i].HitId, i);
        }

        Array.Sort(keys);
        var sorted = new CountingHit[array.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = array[keys[i].Index];
        }

        return sorted;
    }

    private static bool IsOrdered(CountingHit[] hits)
    {
        for (var i = 1; i < hits.Length; i++)
        {
            if (HitOrder.Instance.Compare(hits[i - 1], hits[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // Ordinal rank of each hit's key among the distinct keys.
    private static int[] Rank(CountingHit[] hits, Func<CountingHit, string> key)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var perHit = new int[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            var value = key(hits[i]) ?? string.Empty;
            if (!ids.TryGetValue(value, out var id))
            {
                id = ids.Count;
                ids[value] = id;
            }

            perHit[i] = id;
        }

        var distinct = new string[ids.Count];
        foreach (var (value, id) in ids)
        {
            distinct[id] = value;
        }

        var order = new int[distinct.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(distinct, order, StringComparer.Ordinal);
        var rankOfId = new int[distinct.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            rankOfId[order[rank]] = rank;
        }

        for (var i = 0; i < perHit.Length; i++)
        {
            perHit[i] = rankOfId[perHit[i]];
        }

        return perHit;
    }

    private readonly record struct SortKey(int Episode, int Listener, long Ticks, Guid HitId, int Index) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var c = Episode.CompareTo(other.Episode);
            if (c != 0)
            {
                return c;
            }

            c = Listener.CompareTo(other.Listener);
            if (c != 0)
            {
                return c;
            }

            c = Ticks.CompareTo(other.Ticks);
            if (c != 0)
            {
                return c;
            }

            c = HitId.CompareTo(other.HitId);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
