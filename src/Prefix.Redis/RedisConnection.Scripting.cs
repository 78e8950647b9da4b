namespace Prefix.Redis;

/// <summary>Lua scripting.</summary>
public sealed partial class RedisConnection
{
    /// <summary>EVAL script numkeys keys... args...</summary>
    public Task<RedisResult> ScriptEvaluateAsync(
        string script,
        IReadOnlyList<string>? keys = null,
        IReadOnlyList<RedisValue>? args = null,
        CancellationToken cancellationToken = default) =>
        SendAsync("EVAL", ScriptArgs(script, keys, args), cancellationToken);

    /// <summary>EVALSHA sha1 numkeys keys... args...; NOSCRIPT surfaces as <see cref="RedisServerException"/>.</summary>
    public Task<RedisResult> ScriptEvaluateShaAsync(
        string sha1,
        IReadOnlyList<string>? keys = null,
        IReadOnlyList<RedisValue>? args = null,
        CancellationToken cancellationToken = default) =>
        SendAsync("EVALSHA", ScriptArgs(sha1, keys, args), cancellationToken);

    /// <summary>EVALSHA, falling back to EVAL (which also caches the script) when the server answers NOSCRIPT.</summary>
    public async Task<RedisResult> ScriptEvaluateAsync(
        LuaScript script,
        IReadOnlyList<string>? keys = null,
        IReadOnlyList<RedisValue>? args = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        try
        {
            return await ScriptEvaluateShaAsync(script.Sha1, keys, args, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Prefix == "NOSCRIPT")
        {
            return await ScriptEvaluateAsync(script.Script, keys, args, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SCRIPT LOAD; returns the SHA1 the server stored the script under.</summary>
    public Task<string> ScriptLoadAsync(string script, CancellationToken cancellationToken = default) =>
        SendAsync("SCRIPT", ["LOAD", script], static r => r.AsString(), cancellationToken)!;

    private static RedisValue[] ScriptArgs(string scriptOrSha, IReadOnlyList<string>? keys, IReadOnlyList<RedisValue>? args)
    {
        ArgumentException.ThrowIfNullOrEmpty(scriptOrSha);
        var keyCount = keys?.Count ?? 0;
        var argCount = args?.Count ?? 0;
        var values = new RedisValue[2 + keyCount + argCount];
        values[0] = scriptOrSha;
        values[1] = keyCount;
        for (var i = 0; i < keyCount; i++)
        {
            values[2 + i] = keys![i];
        }

        for (var i = 0; i < argCount; i++)
        {
            values[2 + keyCount + i] = args![i];
        }

        return values;
    }
}
