using Feed.Updater.Storage;
using Prefix.Redis;

namespace Feed.Updater.Tests.Scheduling;

/// <summary>Writes feeds the way registration does: the per-feed hash, the URL index and (optionally) a due entry.</summary>
internal static class FeedSeeder
{
    public static async Task<Guid> AddAsync(
        RedisConnection redis, string url, DateTimeOffset? dueAt, string status = "active", DateTimeOffset? nextCheck = null)
    {
        var id = Guid.NewGuid();
        await AddAsync(redis, id, url, dueAt, status, nextCheck);
        return id;
    }

    public static async Task AddAsync(
        RedisConnection redis, Guid id, string url, DateTimeOffset? dueAt, string status = "active", DateTimeOffset? nextCheck = null)
    {
        var fields = new List<HashEntry> { new(FeedStateFields.Url, url), new(FeedStateFields.Status, status) };
        if (nextCheck is { } nc)
        {
            fields.Add(new HashEntry(FeedStateFields.NextCheck, nc.ToUnixTimeMilliseconds()));
        }

        var writes = new List<Task> { redis.HashSetAsync(UpdaterKeys.Feed(id), fields), redis.HashSetAsync(UpdaterKeys.ByUrl, url, id.ToString("N")) };
        if (dueAt is { } due)
        {
            writes.Add(redis.SortedSetAddAsync(UpdaterKeys.Due, id.ToString("N"), due.ToUnixTimeMilliseconds()));
        }

        await Task.WhenAll(writes);
    }

    public static async Task<double?> DueScoreAsync(RedisConnection redis, Guid id) =>
        await redis.SortedSetScoreAsync(UpdaterKeys.Due, id.ToString("N"));

    public static async Task<double?> LeaseScoreAsync(RedisConnection redis, Guid id) =>
        await redis.SortedSetScoreAsync(UpdaterKeys.Leases, id.ToString("N"));

    public static async Task<string?> FieldAsync(RedisConnection redis, Guid id, string field) =>
        (await redis.HashGetAsync(UpdaterKeys.Feed(id), field)).ToString();
}
