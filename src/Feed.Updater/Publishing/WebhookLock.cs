using Prefix.Redis;

namespace Feed.Updater.Publishing;

/// <summary>
/// The per-subscription delivery lock (<c>webhook:{id}:lock</c>, value = the holder's owner token): with several
/// updater instances only the holder delivers a subscription, so each event goes out once and in order.
/// Renewal and release check the owner, so an instance never extends or frees a lock it has lost.
/// </summary>
internal sealed class WebhookLock(RedisConnection connection, string webhookId, string owner, TimeSpan ttl)
{
    private static readonly LuaScript RenewScript = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """);

    private static readonly LuaScript ReleaseScript = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """);

    public string Key { get; } = KeyFor(webhookId);

    public string Owner => owner;

    /// <summary>The lock key of a subscription (ask the integrator to move it into UpdaterKeys).</summary>
    public static string KeyFor(string webhookId) => "webhook:" + webhookId + ":lock";

    /// <summary>SET NX PX: true when this owner now holds the lock.</summary>
    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        connection.StringSetAsync(Key, owner, ttl, When.NotExists, cancellationToken);

    /// <summary>Extends the lock; false when it is no longer this owner's (expired and taken, or deleted).</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var reply = await connection.ScriptEvaluateAsync(RenewScript, [Key], [owner, (long)ttl.TotalMilliseconds], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    /// <summary>Frees the lock if this owner still holds it, so another instance can take over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken) =>
        await connection.ScriptEvaluateAsync(ReleaseScript, [Key], [owner], cancellationToken).ConfigureAwait(false);
}
