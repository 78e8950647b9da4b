namespace Prefix.Redis;

/// <summary>Sorted sets.</summary>
public sealed partial class RedisConnection
{
    /// <summary>ZADD of one member.</summary>
    /// <returns>True if the member was added (or, with <paramref name="returnChanged"/> (CH), added or its score changed).</returns>
    public async Task<bool> SortedSetAddAsync(
        string key,
        RedisValue member,
        double score,
        SortedSetWhen when = SortedSetWhen.Always,
        bool returnChanged = false,
        CancellationToken cancellationToken = default) =>
        await SortedSetAddAsync(key, [new SortedSetEntry(member, score)], when, returnChanged, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>ZADD of several members with NX/XX/GT/LT and optionally CH.</summary>
    /// <returns>How many members were added; with <paramref name="returnChanged"/>, added or changed.</returns>
    public Task<long> SortedSetAddAsync(
        string key,
        IReadOnlyList<SortedSetEntry> entries,
        SortedSetWhen when = SortedSetWhen.Always,
        bool returnChanged = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var args = new List<RedisValue>(5 + (entries.Count * 2)) { key };
        if (when.HasFlag(SortedSetWhen.NotExists))
        {
            args.Add("NX");
        }

        if (when.HasFlag(SortedSetWhen.Exists))
        {
            args.Add("XX");
        }

        if (when.HasFlag(SortedSetWhen.GreaterThan))
        {
            args.Add("GT");
        }

        if (when.HasFlag(SortedSetWhen.LessThan))
        {
            args.Add("LT");
        }

        if (returnChanged)
        {
            args.Add("CH");
        }

        foreach (var entry in entries)
        {
            args.Add(entry.Score);
            args.Add(entry.Element);
        }

        return SendAsync("ZADD", [.. args], static r => r.AsInt64(), cancellationToken);
    }

    /// <summary>ZRANGEBYSCORE ... WITHSCORES [LIMIT skip take]; <paramref name="take"/> -1 means all.</summary>
    public async Task<SortedSetEntry[]> SortedSetRangeByScoreWithScoresAsync(
        string key,
        double start = double.NegativeInfinity,
        double stop = double.PositiveInfinity,
        Exclude exclude = Exclude.None,
        long skip = 0,
        long take = -1,
        CancellationToken cancellationToken = default)
    {
        var items = (await SendAsync("ZRANGEBYSCORE", RangeArgs(key, start, stop, exclude, skip, take, withScores: true), cancellationToken)
            .ConfigureAwait(false)).Items;
        return ToEntries(items);
    }

    /// <summary>ZRANGEBYSCORE [LIMIT skip take] returning members only.</summary>
    public Task<RedisValue[]> SortedSetRangeByScoreAsync(
        string key,
        double start = double.NegativeInfinity,
        double stop = double.PositiveInfinity,
        Exclude exclude = Exclude.None,
        long skip = 0,
        long take = -1,
        CancellationToken cancellationToken = default) =>
        SendAsync("ZRANGEBYSCORE", RangeArgs(key, start, stop, exclude, skip, take, withScores: false), static r => r.AsValues(), cancellationToken);

    public Task<bool> SortedSetRemoveAsync(string key, RedisValue member, CancellationToken cancellationToken = default) =>
        SendAsync("ZREM", [key, member], static r => r.AsInt64() == 1, cancellationToken);

    /// <returns>How many of the members existed.</returns>
    public Task<long> SortedSetRemoveAsync(string key, IReadOnlyList<RedisValue> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        return SendAsync("ZREM", [key, .. members], static r => r.AsInt64(), cancellationToken);
    }

    /// <summary>ZSCORE; null if the member (or key) does not exist.</summary>
    public Task<double?> SortedSetScoreAsync(string key, RedisValue member, CancellationToken cancellationToken = default) =>
        SendAsync("ZSCORE", [key, member], static r => r.AsNullableDouble(), cancellationToken);

    public Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("ZCARD", [key], static r => r.AsInt64(), cancellationToken);

    /// <summary>ZPOPMIN key count; lowest scores first, empty when the set is empty.</summary>
    public async Task<SortedSetEntry[]> SortedSetPopMinAsync(string key, long count = 1, CancellationToken cancellationToken = default) =>
        ToEntries((await SendAsync("ZPOPMIN", [key, count], cancellationToken).ConfigureAwait(false)).Items);

    private static RedisValue[] RangeArgs(string key, double start, double stop, Exclude exclude, long skip, long take, bool withScores)
    {
        var args = new List<RedisValue>(7)
        {
            key,
            ScoreBound(start, exclude.HasFlag(Exclude.Start)),
            ScoreBound(stop, exclude.HasFlag(Exclude.Stop)),
        };
        if (withScores)
        {
            args.Add("WITHSCORES");
        }

        if (skip != 0 || take != -1)
        {
            args.Add("LIMIT");
            args.Add(skip);
            args.Add(take);
        }

        return [.. args];
    }

    private static RedisValue ScoreBound(double score, bool exclusive)
    {
        var text = RedisNumbers.FormatDouble(score);
        return exclusive ? "(" + text : text;
    }

    // RESP2 returns member, score, member, score...; RESP3 would nest pairs. Both are handled.
    private static SortedSetEntry[] ToEntries(IReadOnlyList<RedisResult> items)
    {
        if (items.Count > 0 && items[0].Type == RedisResultType.Array)
        {
            return [.. items.Select(pair => new SortedSetEntry(pair[0].AsValue(), pair[1].AsDouble()))];
        }

        var entries = new SortedSetEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new SortedSetEntry(items[i * 2].AsValue(), items[(i * 2) + 1].AsDouble());
        }

        return entries;
    }
}
