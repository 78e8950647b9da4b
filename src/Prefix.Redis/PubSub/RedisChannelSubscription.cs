using System.Threading.Channels;

namespace Prefix.Redis;

/// <summary>
/// One subscription to a channel: read messages with <c>await foreach</c> or through <see cref="Reader"/>.
/// Messages are buffered without bound until read. Disposing unsubscribes (UNSUBSCRIBE is sent when
/// the last subscription to the channel goes) and ends the enumeration.
/// </summary>
public sealed class RedisChannelSubscription : IAsyncEnumerable<RedisChannelMessage>, IAsyncDisposable
{
    private readonly RedisSubscriber _owner;
    private readonly Channel<RedisChannelMessage> _messages =
        System.Threading.Channels.Channel.CreateUnbounded<RedisChannelMessage>(new UnboundedChannelOptions { SingleWriter = true });

    internal RedisChannelSubscription(RedisSubscriber owner, string channel)
    {
        _owner = owner;
        Channel = channel;
    }

    public string Channel { get; }

    public ChannelReader<RedisChannelMessage> Reader => _messages.Reader;

    public IAsyncEnumerator<RedisChannelMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _messages.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_messages.Writer.TryComplete())
        {
            await _owner.RemoveAsync(this).ConfigureAwait(false);
        }
    }

    internal void Deliver(RedisChannelMessage message) => _messages.Writer.TryWrite(message);

    internal void Complete() => _messages.Writer.TryComplete();
}
