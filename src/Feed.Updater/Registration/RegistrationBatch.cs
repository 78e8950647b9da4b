using Feed.Updater.Storage;
using Prefix.Redis;

namespace Feed.Updater.Registration;

/// <summary>The KEYS and ARGV of one <see cref="RegistryScripts.RegisterBatch"/> call, built as lines arrive.</summary>
internal sealed class RegistrationBatch
{
    private const int FixedKeys = 4;
    private const int FixedArguments = 2;

    private readonly List<string> _keys;
    private readonly List<RedisValue> _arguments;
    private readonly List<(long Line, string Url, Guid FeedId)> _feeds;

    public RegistrationBatch(int capacity)
    {
        _keys = new List<string>(FixedKeys + capacity) { UpdaterKeys.ByUrl, UpdaterKeys.Due, UpdaterKeys.Count, UpdaterKeys.Changes };
        _arguments = new List<RedisValue>(FixedArguments + (3 * capacity)) { RedisValue.Null, RedisValue.Null };
        _feeds = new(capacity);
    }

    public int Count => _feeds.Count;

    public IReadOnlyList<string> Keys => _keys;

    public (long Line, string Url, Guid FeedId) this[int index] => _feeds[index];

    public void Add(long line, string url, Guid feedId, byte[] registeredEvent)
    {
        var id = feedId.ToString("N");
        _feeds.Add((line, url, feedId));
        _keys.Add(UpdaterKeys.Feed(feedId));
        _arguments.Add(url);
        _arguments.Add(id);
        _arguments.Add(registeredEvent);
    }

    /// <summary>ARGV with the time and stream cap filled in.</summary>
    public IReadOnlyList<RedisValue> Arguments(long nowMs, long changeLogMaxLength)
    {
        _arguments[0] = nowMs;
        _arguments[1] = changeLogMaxLength;
        return _arguments;
    }
}
