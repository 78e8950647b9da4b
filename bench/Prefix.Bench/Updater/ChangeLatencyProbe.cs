using System.Collections.Concurrent;
using System.Text.Json;
using Prefix.Redis;

namespace Prefix.Bench.Updater;

/// <summary>
/// Listens on the updater's PUBLISH channel and remembers when each feed's episodes.changed events arrived, so
/// "change → notification" can be measured from the moment the fake host served the new version.
/// </summary>
internal sealed class ChangeLatencyProbe : IAsyncDisposable
{
    private readonly RedisSubscriber _subscriber;
    private readonly RedisChannelSubscription _subscription;
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> _arrivals = new();
    private readonly Task _loop;

    private ChangeLatencyProbe(RedisSubscriber subscriber, RedisChannelSubscription subscription)
    {
        _subscriber = subscriber;
        _subscription = subscription;
        _loop = Task.Run(ReadAsync);
    }

    public static async Task<ChangeLatencyProbe> StartAsync(string redis)
    {
        var subscriber = await RedisSubscriber.ConnectAsync(new RedisOptions { EndPoint = redis }).ConfigureAwait(false);
        var subscription = await subscriber.SubscribeAsync("feeds:changes").ConfigureAwait(false);
        return new ChangeLatencyProbe(subscriber, subscription);
    }

    /// <summary>For each served new version in the window: the time until the first episodes.changed of that feed after it.</summary>
    public List<TimeSpan> Match(Dictionary<Guid, List<DateTimeOffset>> served, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var latencies = new List<TimeSpan>();
        foreach (var (feed, times) in served)
        {
            if (!_arrivals.TryGetValue(feed, out var arrivals))
            {
                continue;
            }

            var sorted = arrivals.OrderBy(static t => t).ToList();
            foreach (var servedAt in times.Where(t => t >= windowStart && t <= windowEnd))
            {
                var arrival = sorted.FirstOrDefault(a => a >= servedAt);
                if (arrival != default)
                {
                    latencies.Add(arrival - servedAt);
                }
            }
        }

        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync().ConfigureAwait(false);
        await _subscriber.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The subscription ended.
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var now = DateTimeOffset.UtcNow;
            using var json = JsonDocument.Parse(message.Message.ToString() ?? "{}");
            var root = json.RootElement;
            if (root.TryGetProperty("eventType", out var type) && type.GetString() is "episodes.changed" or "feed.reset" &&
                root.TryGetProperty("feedId", out var feed) && feed.TryGetGuid(out var id))
            {
                _arrivals.GetOrAdd(id, static _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(now);
            }
        }
    }
}
