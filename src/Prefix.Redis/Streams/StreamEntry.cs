namespace Prefix.Redis;

/// <summary>
/// One stream entry. <see cref="IsDeleted"/> is true when a pending entry was deleted from the
/// stream (XREADGROUP/XAUTOCLAIM report its id without fields).
/// </summary>
public sealed record StreamEntry(string Id, IReadOnlyList<NameValueEntry> Values)
{
    public bool IsDeleted => Values.Count == 0;

    /// <summary>The first field with this name, or <see cref="RedisValue.Null"/>.</summary>
    public RedisValue this[RedisValue name]
    {
        get
        {
            foreach (var value in Values)
            {
                if (value.Name == name)
                {
                    return value.Value;
                }
            }

            return RedisValue.Null;
        }
    }
}
