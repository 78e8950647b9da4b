using System.Security.Cryptography;
using System.Text;

namespace Prefix.Redis;

/// <summary>
/// A Lua script run by its SHA1 (EVALSHA), so the script text is sent only when the server does not
/// have it cached yet (NOSCRIPT, e.g. after a restart); see <see cref="RedisConnection.ScriptEvaluateAsync(LuaScript, IReadOnlyList{string}?, IReadOnlyList{RedisValue}?, CancellationToken)"/>.
/// </summary>
public sealed class LuaScript
{
    public LuaScript(string script)
    {
        ArgumentException.ThrowIfNullOrEmpty(script);
        Script = script;
#pragma warning disable CA5350 // SHA1 is how Redis names scripts; it is an identifier here, not security.
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));
#pragma warning restore CA5350
    }

    public string Script { get; }

    /// <summary>Lower-case hex SHA1 of the script, as SCRIPT LOAD returns it.</summary>
    public string Sha1 { get; }
}
