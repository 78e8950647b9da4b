using Feed.Updater.Storage;
using Prefix.Hosting.Health;
using Prefix.Redis;

namespace Feed.Updater.Probing;

/// <summary>
/// Enclosures waiting for their ID3 probe (a Redis sorted set, newest episode first): a feed's first poll can add
/// hundreds, and probing them inline would make that poll slow and hammer one media host.
/// </summary>
internal sealed class EnclosureProbeQueue(RedisConnectionProvider redis)
{
    public async Task EnqueueAsync(IReadOnlyList<(string Url, DateTimeOffset? PublishedAt)> enclosures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enclosures);
        if (enclosures.Count == 0)
        {
            return;
        }

        // Score = −publish time: ZPOPMIN hands out the newest episodes first (the ones being downloaded now).
        var entries = enclosures.Select(static e => new SortedSetEntry(e.Url, -(e.PublishedAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds())).ToList();
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        await connection.SortedSetAddAsync(UpdaterKeys.ProbeQueue, entries, SortedSetWhen.NotExists, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> TakeAsync(int count, CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        var entries = await connection.SortedSetPopMinAsync(UpdaterKeys.ProbeQueue, count, cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(static e => e.Element.ToString() ?? string.Empty).Where(static url => url.Length > 0)];
    }

    public async Task<long> LengthAsync(CancellationToken cancellationToken)
    {
        var connection = await redis.GetAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SortedSetLengthAsync(UpdaterKeys.ProbeQueue, cancellationToken).ConfigureAwait(false);
    }
}
