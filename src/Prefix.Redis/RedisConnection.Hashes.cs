namespace Prefix.Redis;

/// <summary>Hashes.</summary>
public sealed partial class RedisConnection
{
    /// <summary>HSET of one field; true if the field is new.</summary>
    public Task<bool> HashSetAsync(string key, RedisValue field, RedisValue value, CancellationToken cancellationToken = default) =>
        SendAsync("HSET", [key, field, value], static r => r.AsInt64() == 1, cancellationToken);

    /// <summary>HSET of several fields in one command; returns how many fields were new.</summary>
    public Task<long> HashSetAsync(string key, IReadOnlyList<HashEntry> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("At least one field is required.", nameof(fields));
        }

        var args = new RedisValue[1 + (fields.Count * 2)];
        args[0] = key;
        for (var i = 0; i < fields.Count; i++)
        {
            args[1 + (i * 2)] = fields[i].Name;
            args[2 + (i * 2)] = fields[i].Value;
        }

        return SendAsync("HSET", args, static r => r.AsInt64(), cancellationToken);
    }

    public Task<RedisValue> HashGetAsync(string key, RedisValue field, CancellationToken cancellationToken = default) =>
        SendAsync("HGET", [key, field], static r => r.AsValue(), cancellationToken);

    /// <summary>HMGET; missing fields come back as <see cref="RedisValue.Null"/>.</summary>
    public Task<RedisValue[]> HashGetAsync(string key, IReadOnlyList<RedisValue> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return SendAsync("HMGET", [key, .. fields], static r => r.AsValues(), cancellationToken);
    }

    public async Task<HashEntry[]> HashGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var items = (await SendAsync("HGETALL", [key], cancellationToken).ConfigureAwait(false)).Items;
        var entries = new HashEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry(items[i * 2].AsValue(), items[(i * 2) + 1].AsValue());
        }

        return entries;
    }

    public Task<bool> HashDeleteAsync(string key, RedisValue field, CancellationToken cancellationToken = default) =>
        SendAsync("HDEL", [key, field], static r => r.AsInt64() == 1, cancellationToken);

    /// <returns>How many of the fields existed.</returns>
    public Task<long> HashDeleteAsync(string key, IReadOnlyList<RedisValue> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return SendAsync("HDEL", [key, .. fields], static r => r.AsInt64(), cancellationToken);
    }

    /// <summary>HINCRBY; returns the new value.</summary>
    public Task<long> HashIncrementAsync(string key, RedisValue field, long value = 1, CancellationToken cancellationToken = default) =>
        SendAsync("HINCRBY", [key, field, value], static r => r.AsInt64(), cancellationToken);
}
