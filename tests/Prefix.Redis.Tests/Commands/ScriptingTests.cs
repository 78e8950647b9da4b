namespace Prefix.Redis.Tests.Commands;

public class ScriptingTests
{
    [Fact]
    public async Task ScriptEvaluateAsync_KeysAndArgs_ReturnsScriptResult()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("eval");

        var result = await redis.ScriptEvaluateAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), tonumber(ARGV[2]) * 2}",
            [key],
            ["stored", 21]);

        Assert.Equal("stored", result[0].AsString());
        Assert.Equal(42, result[1].AsInt64());
    }

    [Fact]
    public async Task ScriptEvaluateAsync_LuaScriptNotCached_FallsBackToEvalThenUsesSha()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var script = new LuaScript($"-- {Guid.NewGuid()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])");
        var key = TestRedis.Key("luascript");

        var cachedBefore = await redis.ExecuteAsync("SCRIPT", "EXISTS", script.Sha1);
        var first = await redis.ScriptEvaluateAsync(script, [key], [5]);
        var viaSha = await redis.ScriptEvaluateShaAsync(script.Sha1, [key], [5]);
        var second = await redis.ScriptEvaluateAsync(script, [key], [5]);

        Assert.Equal(0, cachedBefore[0].AsInt64());
        Assert.Equal(5, first.AsInt64());
        Assert.Equal(10, viaSha.AsInt64());
        Assert.Equal(15, second.AsInt64());
    }

    [Fact]
    public async Task ScriptEvaluateShaAsync_UnknownSha_ThrowsNoScript()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => redis.ScriptEvaluateShaAsync(new LuaScript($"return '{Guid.NewGuid()}'").Sha1));

        Assert.Equal("NOSCRIPT", error.Prefix);
        Assert.Equal("EVALSHA", error.Command);
    }

    [Fact]
    public async Task ScriptLoadAsync_Script_ReturnsSameShaAsLuaScript()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var script = new LuaScript("return 'loaded'");

        var sha = await redis.ScriptLoadAsync(script.Script);

        Assert.Equal(script.Sha1, sha);
        Assert.Equal("loaded", (await redis.ScriptEvaluateShaAsync(sha)).AsString());
    }

    [Fact]
    public async Task ScriptEvaluateAsync_ScriptRaisesError_ThrowsServerException()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => redis.ScriptEvaluateAsync("return redis.error_reply('MYERR custom failure')"));

        Assert.Equal("MYERR", error.Prefix);
        Assert.Contains("custom failure", error.ServerMessage, StringComparison.Ordinal);
    }
}
