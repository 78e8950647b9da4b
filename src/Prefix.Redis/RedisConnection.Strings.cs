namespace Prefix.Redis;

/// <summary>Strings and keys.</summary>
public sealed partial class RedisConnection
{
    public Task<RedisValue> StringGetAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("GET", [key], static r => r.AsValue(), cancellationToken);

    /// <summary>MGET; missing keys come back as <see cref="RedisValue.Null"/>.</summary>
    public Task<RedisValue[]> StringGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        SendAsync("MGET", Keys(keys), static r => r.AsValues(), cancellationToken);

    /// <summary>SET with optional expiry (EX for whole seconds, PX otherwise) and NX/XX.</summary>
    /// <returns>False if <paramref name="when"/> prevented the write.</returns>
    public async Task<bool> StringSetAsync(
        string key,
        RedisValue value,
        TimeSpan? expiry = null,
        When when = When.Always,
        CancellationToken cancellationToken = default)
    {
        var args = new List<RedisValue>(5) { key, value };
        if (expiry is { } ttl)
        {
            if (ttl <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(expiry), "Expiry must be positive.");
            }

            if (ttl.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                args.Add("EX");
                args.Add((long)ttl.TotalSeconds);
            }
            else
            {
                args.Add("PX");
                args.Add((long)Math.Ceiling(ttl.TotalMilliseconds));
            }
        }

        if (when != When.Always)
        {
            args.Add(when == When.NotExists ? "NX" : "XX");
        }

        var reply = await SendAsync("SET", [.. args], cancellationToken).ConfigureAwait(false);
        return !reply.IsNull;
    }

    /// <summary>INCR (or INCRBY when <paramref name="value"/> is not 1); returns the new value.</summary>
    public async Task<long> StringIncrementAsync(string key, long value = 1, CancellationToken cancellationToken = default)
    {
        var reply = value == 1
            ? await SendAsync("INCR", [key], cancellationToken).ConfigureAwait(false)
            : await SendAsync("INCRBY", [key, value], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    public Task<bool> KeyDeleteAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("DEL", [key], static r => r.AsInt64() == 1, cancellationToken);

    /// <returns>How many of the keys existed.</returns>
    public Task<long> KeyDeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        SendAsync("DEL", Keys(keys), static r => r.AsInt64(), cancellationToken);

    public Task<bool> KeyExistsAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("EXISTS", [key], static r => r.AsInt64() == 1, cancellationToken);

    /// <returns>How many of the keys exist (a key listed twice counts twice, as in Redis).</returns>
    public Task<long> KeyExistsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        SendAsync("EXISTS", Keys(keys), static r => r.AsInt64(), cancellationToken);

    /// <summary>EXPIRE (whole seconds) or PEXPIRE; false if the key does not exist.</summary>
    public async Task<bool> KeyExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var reply = expiry.Ticks % TimeSpan.TicksPerSecond == 0
            ? await SendAsync("EXPIRE", [key, (long)expiry.TotalSeconds], cancellationToken).ConfigureAwait(false)
            : await SendAsync("PEXPIRE", [key, (long)Math.Ceiling(expiry.TotalMilliseconds)], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    /// <summary>PTTL; null if the key is missing or has no expiry.</summary>
    public async Task<TimeSpan?> KeyTimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        var milliseconds = (await SendAsync("PTTL", [key], cancellationToken).ConfigureAwait(false)).AsInt64();
        return milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>PUBLISH; returns how many subscribers received the message.</summary>
    public Task<long> PublishAsync(string channel, RedisValue message, CancellationToken cancellationToken = default) =>
        SendAsync("PUBLISH", [channel, message], static r => r.AsInt64(), cancellationToken);

    private static RedisValue[] Keys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one key is required.", nameof(keys));
        }

        var args = new RedisValue[keys.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = keys[i];
        }

        return args;
    }
}
