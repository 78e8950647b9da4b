using Prefix.Testing.Servers;

namespace Prefix.Redis.Tests.Connection;

public class ConnectionTests
{
    [Fact]
    public async Task PingAsync_SharedServer_ReturnsRoundTrip()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var elapsed = await redis.PingAsync();

        Assert.True(redis.IsConnected);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ConnectAsync_PasswordProtectedServer_AuthenticatesAndReauthenticatesWithUser()
    {
        await using var server = await RedisServer.StartAsync("s3cret");

        await using var withPassword = await RedisConnection.ConnectAsync($"{server.Endpoint},password=s3cret");
        await using var withUser = await RedisConnection.ConnectAsync($"{server.Endpoint},user=default,password=s3cret");

        Assert.Equal("PONG", (await withPassword.ExecuteAsync("PING")).AsString());
        Assert.Equal("default", (await withUser.ExecuteAsync("ACL", "WHOAMI")).AsString());
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsConnectionExceptionNamingAuth()
    {
        await using var server = await RedisServer.StartAsync("s3cret");

        var error = await Assert.ThrowsAsync<RedisConnectionException>(
            () => RedisConnection.ConnectAsync($"{server.Endpoint},password=wrong"));

        Assert.Contains("AUTH", error.Message, StringComparison.Ordinal);
        Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        Assert.Equal("WRONGPASS", Assert.IsType<RedisServerException>(error.InnerException).Prefix);
    }

    [Fact]
    public async Task ExecuteAsync_NoPasswordOnProtectedServer_ThrowsNoAuth()
    {
        await using var server = await RedisServer.StartAsync("s3cret");
        await using var redis = await RedisConnection.ConnectAsync(server.Endpoint);

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.StringGetAsync("k"));

        Assert.Equal("NOAUTH", error.Prefix);
        Assert.Equal("GET", error.Command);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionExceptionNamingEndpoint()
    {
        var endpoint = $"127.0.0.1:{FreePort.Next()}";

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(endpoint));

        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_DifferentDatabases_KeysAreIsolated()
    {
        await using var db1 = await TestRedis.ConnectAsync(o => o.Database = 1);
        await using var db2 = await TestRedis.ConnectAsync(o => o.Database = 2);
        var key = TestRedis.Key("db");

        await db1.StringSetAsync(key, "one", TimeSpan.FromMinutes(1));
        await db2.StringSetAsync(key, "two", TimeSpan.FromMinutes(1));

        Assert.Equal("one", (await db1.StringGetAsync(key)).ToString());
        Assert.Equal("two", (await db2.StringGetAsync(key)).ToString());
        Assert.Equal(1, (await db1.ExecuteAsync("CLIENT", "INFO")).AsString()!.Split(' ').Where(p => p.StartsWith("db=", StringComparison.Ordinal)).Select(p => int.Parse(p[3..], System.Globalization.CultureInfo.InvariantCulture)).Single());
    }

    [Fact]
    public async Task ExecuteAsync_WrongType_ThrowsServerExceptionWithPrefixAndMessage()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("wrongtype");
        await redis.StringSetAsync(key, "text", TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.HashGetAsync(key, "field"));

        Assert.Equal("WRONGTYPE", error.Prefix);
        Assert.Equal("HGET", error.Command);
        Assert.StartsWith("WRONGTYPE Operation against a key holding the wrong kind of value", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal("PONG", (await redis.ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task ExecuteAsync_UnknownCommand_ThrowsErrPrefix()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.ExecuteAsync("NOSUCHCOMMAND", "x"));

        Assert.Equal("ERR", error.Prefix);
        Assert.Contains("unknown command", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ClientName_IsSetOnConnect()
    {
        await using var redis = await TestRedis.ConnectAsync(o => o.ClientName = "prefix-tests");

        Assert.Equal("prefix-tests", (await redis.ExecuteAsync("CLIENT", "GETNAME")).AsString());
    }

    [Fact]
    public async Task DisposeAsync_ThenCommand_ThrowsObjectDisposed()
    {
        var redis = await TestRedis.ConnectAsync();
        await redis.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => redis.PingAsync());
    }

    [Theory]
    [InlineData("10.0.0.1:6380,password=p,user=u,db=3,timeout=250,connectTimeout=1000,name=n", "10.0.0.1:6380", "u", "p", 3, 250)]
    [InlineData("localhost", "localhost", null, null, 0, 5000)]
    public void Parse_ConfigurationString_ReadsEveryOption(string text, string endPoint, string? user, string? password, int db, int timeoutMs)
    {
        var options = RedisOptions.Parse(text);

        Assert.Equal(endPoint, options.EndPoint);
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(db, options.Database);
        Assert.Equal(TimeSpan.FromMilliseconds(timeoutMs), options.CommandTimeout);
    }

    [Fact]
    public void Parse_UnknownOption_Throws() =>
        Assert.Throws<FormatException>(() => RedisOptions.Parse("localhost,bogus=1"));
}
