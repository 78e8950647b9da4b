using Prefix.Testing.Servers;

namespace Prefix.Redis.Tests;

/// <summary>Connections to the shared test server, and key names no other test uses.</summary>
internal static class TestRedis
{
    public static async Task<RedisConnection> ConnectAsync(Action<RedisOptions>? configure = null)
    {
        var options = new RedisOptions { EndPoint = await SharedServers.RedisEndpointAsync() };
        configure?.Invoke(options);
        return await RedisConnection.ConnectAsync(options);
    }

    public static string Key(string name) => $"test:{name}:{Guid.NewGuid():N}";

    public static Task Within(Task task, int seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Awaits a task that must finish well within the test's patience.</summary>
    public static async Task<T> Within<T>(Task<T> task, int seconds = 10)
    {
        await task.WaitAsync(TimeSpan.FromSeconds(seconds));
        return await task;
    }
}
