using Prefix.Redis.Connection;

namespace Prefix.Redis;

/// <summary>
/// A dedicated connection for SUBSCRIBE (a subscribed connection can run no other commands; publish
/// with <see cref="RedisConnection.PublishAsync"/>). After a reconnect every channel that still has a
/// subscription is subscribed again before anything else; messages published while the connection
/// was down are lost, as is usual for Redis pub/sub.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<RedisChannelSubscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly RedisOptions _options;
    private Multiplexer? _multiplexer;

    private RedisSubscriber(RedisOptions options) => _options = options;

    public bool IsConnected => _multiplexer?.IsConnected ?? false;

    /// <exception cref="RedisConnectionException">Could not connect or authenticate.</exception>
    public static async Task<RedisSubscriber> ConnectAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subscriber = new RedisSubscriber(options.Clone());
        subscriber._multiplexer = await Multiplexer.ConnectAsync(subscriber._options, subscriber.OnPush, subscriber.AddSubscriptions, cancellationToken)
            .ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>SUBSCRIBE; completes once the server has confirmed the subscription.</summary>
    public async Task<RedisChannelSubscription> SubscribeAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var multiplexer = _multiplexer ?? throw new InvalidOperationException("Not connected.");
        var subscription = new RedisChannelSubscription(this, channel);
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(channel, out var list))
            {
                _subscriptions[channel] = list = [];
            }

            list.Add(subscription);
        }

        try
        {
            // Sent even when the channel is already subscribed (harmless) so the caller always gets a confirmation.
            await multiplexer.ExecuteAsync("SUBSCRIBE", [channel], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return subscription;
    }

    /// <summary>
    /// SUBSCRIBE with a callback, invoked for one message at a time on a pool thread. Exceptions the
    /// handler throws are swallowed so one bad message cannot end the subscription; handle errors inside it.
    /// Dispose the returned subscription to unsubscribe.
    /// </summary>
    public async Task<RedisChannelSubscription> SubscribeAsync(
        string channel,
        Action<RedisChannelMessage> handler,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = await SubscribeAsync(channel, cancellationToken).ConfigureAwait(false);
        _ = PumpAsync(subscription, handler);
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        RedisChannelSubscription[] all;
        lock (_lock)
        {
            all = [.. _subscriptions.Values.SelectMany(s => s)];
            _subscriptions.Clear();
        }

        foreach (var subscription in all)
        {
            subscription.Complete();
        }

        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal async Task RemoveAsync(RedisChannelSubscription subscription)
    {
        bool last;
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(subscription.Channel, out var list) || !list.Remove(subscription))
            {
                return;
            }

            last = list.Count == 0;
            if (last)
            {
                _subscriptions.Remove(subscription.Channel);
            }
        }

        if (last && _multiplexer is { IsConnected: true } multiplexer)
        {
            try
            {
                await multiplexer.ExecuteAsync("UNSUBSCRIBE", [subscription.Channel], _options.CommandTimeout, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Best effort: after a reconnect the channel is not re-subscribed anyway.
            }
            catch (ObjectDisposedException)
            {
                // The subscriber is being disposed; the socket closes with it.
            }
        }
    }

    private static async Task PumpAsync(RedisChannelSubscription subscription, Action<RedisChannelMessage> handler)
    {
        await foreach (var message in subscription.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                handler(message);
            }
#pragma warning disable CA1031 // Documented: a throwing handler must not end delivery of later messages.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private List<HandshakeCommand> AddSubscriptions(IReadOnlyList<HandshakeCommand> handshake)
    {
        var commands = new List<HandshakeCommand>(handshake);
        lock (_lock)
        {
            // One SUBSCRIBE per channel: each gets exactly one confirmation, which the handshake counts.
            commands.AddRange(_subscriptions.Keys.Select(channel => new HandshakeCommand("SUBSCRIBE", [channel])));
        }

        return commands;
    }

    private bool OnPush(RedisResult reply)
    {
        // In subscribed mode a published message is ["message", channel, payload]; confirmations are
        // ["subscribe", ...] and stay in the reply queue.
        if (reply.Type is not (RedisResultType.Array or RedisResultType.Push) || reply.Length != 3
            || reply[0].AsString() != "message")
        {
            return false;
        }

        var channel = reply[1].AsString()!;
        var message = new RedisChannelMessage(channel, reply[2].AsValue());
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(channel, out var list))
            {
                foreach (var subscription in list)
                {
                    subscription.Deliver(message);
                }
            }
        }

        return true;
    }
}
