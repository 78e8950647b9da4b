using Prefix.Testing.Servers;

namespace Prefix.Redis.Tests.PubSub;

public class SubscriberTests
{
    [Fact]
    public async Task SubscribeAsync_MessagesPublished_DeliveredInOrderThroughEnumerable()
    {
        var endpoint = await SharedServers.RedisEndpointAsync();
        await using var subscriber = await RedisSubscriber.ConnectAsync(new RedisOptions { EndPoint = endpoint });
        await using var publisher = await RedisConnection.ConnectAsync(endpoint);
        var channel = TestRedis.Key("channel");
        await using var subscription = await subscriber.SubscribeAsync(channel);

        Assert.Equal(1, await publisher.PublishAsync(channel, "one"));
        await publisher.PublishAsync(channel, new byte[] { 0, 1, 2 });
        await publisher.PublishAsync(TestRedis.Key("other"), "ignored");
        await publisher.PublishAsync(channel, "three");

        var received = new List<RedisChannelMessage>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var message in subscription.WithCancellation(timeout.Token))
        {
            received.Add(message);
            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.All(received, m => Assert.Equal(channel, m.Channel));
        Assert.Equal("one", received[0].Message.ToString());
        Assert.Equal(new byte[] { 0, 1, 2 }, (byte[]?)received[1].Message);
        Assert.Equal("three", received[2].Message.ToString());
    }

    [Fact]
    public async Task SubscribeAsync_WithCallbackThenDispose_CallbackRunsAndUnsubscribes()
    {
        var endpoint = await SharedServers.RedisEndpointAsync();
        await using var subscriber = await RedisSubscriber.ConnectAsync(new RedisOptions { EndPoint = endpoint });
        await using var publisher = await RedisConnection.ConnectAsync(endpoint);
        var channel = TestRedis.Key("callback");
        var received = new TaskCompletionSource<string>();

        var subscription = await subscriber.SubscribeAsync(channel, m => received.TrySetResult(m.Message.ToString()!));
        await publisher.PublishAsync(channel, "hello");

        Assert.Equal("hello", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await subscription.DisposeAsync();
        Assert.Equal(0, await publisher.PublishAsync(channel, "nobody"));
    }

    [Fact]
    public async Task SubscribeAsync_ServerRestarted_ResubscribesAutomatically()
    {
        await using var server = await RedisServer.StartAsync("pw");
        var options = new RedisOptions
        {
            EndPoint = server.Endpoint,
            Password = "pw",
            ReconnectMinBackoff = TimeSpan.FromMilliseconds(20),
            ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
        };
        await using var subscriber = await RedisSubscriber.ConnectAsync(options);
        await using var subscription = await subscriber.SubscribeAsync("news");

        server.Kill();
        await server.RestartAsync();
        await using var publisher = await RedisConnection.ConnectAsync(options);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await publisher.PublishAsync("news", "after-restart") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var message = await subscription.Reader.ReadAsync(timeout.Token);
        Assert.Equal("after-restart", message.Message.ToString());
        Assert.True(subscriber.IsConnected);
    }
}
