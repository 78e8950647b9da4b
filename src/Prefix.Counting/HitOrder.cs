namespace Prefix.Counting;

/// <summary>Orders hits by (episode key, listener key) ordinal, then time, then hit id: groups contiguous, deterministic.</summary>
internal sealed class HitOrder : IComparer<CountingHit>
{
    public static readonly HitOrder Instance = new();

    public int Compare(CountingHit? x, CountingHit? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(x.EpisodeKey, y.EpisodeKey);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.ListenerKey, y.ListenerKey);
        if (c != 0)
        {
            return c;
        }

        c = x.Time.UtcTicks.CompareTo(y.Time.UtcTicks);
        return c != 0 ? c : x.HitId.CompareTo(y.HitId);
    }
}
