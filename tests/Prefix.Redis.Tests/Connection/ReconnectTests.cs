using System.Diagnostics;
using Prefix.Testing.Servers;

namespace Prefix.Redis.Tests.Connection;

public class ReconnectTests
{
    private static RedisOptions Options(RedisServer server, string? password = null, int timeoutMs = 1000) => new()
    {
        EndPoint = server.Endpoint,
        Password = password,
        Database = 3,
        CommandTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        ConnectTimeout = TimeSpan.FromMilliseconds(500),
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(20),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task StringIncrementAsync_ServerKilledAndRestartedMidLoop_FailsClearlyThenRecoversByItself()
    {
        await using var server = await RedisServer.StartAsync("pw");
        var options = Options(server, "pw");
        await using var redis = await RedisConnection.ConnectAsync(options);
        var failures = new List<RedisException>();
        var successesAfterRestart = 0;
        var restarted = false;
        var slowest = TimeSpan.Zero;
        using var stop = new CancellationTokenSource();

        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.StartNew();
                try
                {
                    // Several in flight at once, so the kill catches commands that were sent but not answered.
                    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => redis.StringIncrementAsync("counter")));
                    if (Volatile.Read(ref restarted))
                    {
                        successesAfterRestart++;
                    }
                }
                catch (AggregateException e)
                {
                    failures.AddRange(e.InnerExceptions.Cast<RedisException>());
                }
                catch (RedisException e)
                {
                    failures.Add(e);
                }

                slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
                await Task.Delay(5);
            }
        });

        await Task.Delay(300);
        server.Kill();
        await Task.Delay(1500);
        await server.RestartAsync();
        Volatile.Write(ref restarted, true);
        var deadline = Stopwatch.StartNew();
        while (successesAfterRestart < 20 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(successesAfterRestart >= 20, $"only {successesAfterRestart} successes after restart");
        Assert.NotEmpty(failures);
        Assert.All(failures, f =>
        {
            Assert.True(f is RedisConnectionException or RedisTimeoutException, f.ToString());
            Assert.Contains("INCR", f.Message, StringComparison.Ordinal);
            Assert.Contains(server.Endpoint, f.Message, StringComparison.Ordinal);
        });
        Assert.Contains(failures, f => f.Message.Contains("timed out after 1000 ms and was not sent: connection to", StringComparison.Ordinal));
        Assert.True(slowest < TimeSpan.FromMilliseconds(1500), $"a command took {slowest}");
        Assert.True(redis.IsConnected);

        // The restarted server lost the data; the counter exists again only in db 3, so SELECT was re-sent too.
        await using var check = await RedisConnection.ConnectAsync(new RedisOptions { EndPoint = server.Endpoint, Password = "pw", Database = 3 });
        Assert.True(await check.KeyExistsAsync("counter"));
    }

    [Fact]
    public async Task StreamReadGroupAsync_ServerKilledWhileBlocking_FailsPromptlyAsSentButNotAnswered()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(Options(server));
        await redis.StreamCreateConsumerGroupAsync("s", "g");

        var read = redis.StreamReadGroupAsync("s", "g", "c", block: TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        var killed = Stopwatch.StartNew();
        server.Kill();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(1), $"failed after {killed.Elapsed}");
        Assert.True(error.WasSent);
        Assert.Equal(
            $"connection to {server.Endpoint} lost (server closed the connection); command XREADGROUP was sent but not answered (it may or may not have executed)",
            error.Message);
    }

    [Fact]
    public async Task StringSetAsync_IssuedWhileDisconnected_WaitsForReconnectAndSucceeds()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(Options(server, timeoutMs: 4000));
        var failed = new TaskCompletionSource();
        redis.ConnectionFailed += (_, _) => failed.TrySetResult();

        server.Kill();
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var set = redis.StringSetAsync("k", "v");
        await Task.Delay(300);
        Assert.False(set.IsCompleted);
        await server.RestartAsync();

        Assert.True(await set.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("v", (await redis.StringGetAsync("k")).ToString());
    }

    [Fact]
    public async Task StringGetAsync_ServerPausedLongerThanTimeout_TimesOutAndLateReplyIsNotMisMatched()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(Options(server, timeoutMs: 400));
        await using var admin = await RedisConnection.ConnectAsync(server.Endpoint);
        var drops = 0;
        redis.ConnectionFailed += (_, _) => Interlocked.Increment(ref drops);
        await redis.StringSetAsync("a", "value-a");
        await redis.StringSetAsync("b", "value-b");

        await admin.ExecuteAsync("CLIENT", "PAUSE", "600", "ALL");
        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisTimeoutException>(() => redis.StringGetAsync("a"));
        var waited = started.Elapsed;

        Assert.InRange(waited, TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(700));
        Assert.Equal("GET", error.Command);
        Assert.True(error.WasSent);
        Assert.Equal(TimeSpan.FromMilliseconds(400), error.Timeout);
        Assert.Contains("command GET timed out after 400 ms: sent to", error.Message, StringComparison.Ordinal);

        await Task.Delay(500);
        Assert.Equal("value-b", (await redis.StringGetAsync("b")).ToString());
        Assert.Equal("value-a", (await redis.StringGetAsync("a")).ToString());
        Assert.Equal(0, drops);
    }

    [Fact]
    public async Task StreamReadGroupAsync_BlockLongerThanCommandTimeout_WaitsForBlockNotTimeout()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(Options(server, timeoutMs: 300));
        await redis.StreamCreateConsumerGroupAsync("s", "g");

        var started = Stopwatch.StartNew();
        var entries = await redis.StreamReadGroupAsync("s", "g", "c", block: TimeSpan.FromMilliseconds(600));

        Assert.Empty(entries);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(550), $"returned after {started.Elapsed}");
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsAndConnectionKeepsWorking()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await RedisConnection.ConnectAsync(Options(server, timeoutMs: 5000));
        await redis.StreamCreateConsumerGroupAsync("s", "g");
        using var cancel = new CancellationTokenSource(200);

        // The server blocks for 3 s (under the 5 s command timeout): the 200 ms cancellation wins even when a loaded
        // machine fires its timer late (with 500 ms, a late timer let the empty read finish first — a flaky test).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => redis.StreamReadGroupAsync("s", "g", "c", block: TimeSpan.FromSeconds(3), cancellationToken: cancel.Token));

        Assert.True(await redis.StringSetAsync("after", "ok"));
        Assert.Equal("ok", (await redis.StringGetAsync("after")).ToString());
    }
}
