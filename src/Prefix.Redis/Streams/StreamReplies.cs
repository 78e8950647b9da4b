namespace Prefix.Redis;

/// <summary>Turns stream replies into typed results; RESP2 arrays and RESP3 maps are both accepted.</summary>
internal static class StreamReplies
{
    public static StreamEntry Entry(RedisResult reply)
    {
        var id = reply[0].AsString()!;
        var fields = reply.Length > 1 ? reply[1].Items : [];
        var values = new NameValueEntry[fields.Count / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new NameValueEntry(fields[i * 2].AsValue(), fields[(i * 2) + 1].AsValue());
        }

        return new StreamEntry(id, values);
    }

    public static StreamEntry[] Entries(RedisResult reply)
    {
        var items = reply.Items;
        var entries = new StreamEntry[items.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Entry(items[i]);
        }

        return entries;
    }

    /// <summary>XREAD/XREADGROUP: null (BLOCK timed out) becomes an empty list.</summary>
    public static RedisStream[] Streams(RedisResult reply)
    {
        if (reply.IsNull)
        {
            return [];
        }

        if (reply.Type == RedisResultType.Map)
        {
            var map = new RedisStream[reply.Length / 2];
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = new RedisStream(reply[i * 2].AsString()!, Entries(reply[(i * 2) + 1]));
            }

            return map;
        }

        return [.. reply.Items.Select(s => new RedisStream(s[0].AsString()!, Entries(s[1])))];
    }

    /// <summary>XINFO replies are flat name, value, name, value lists.</summary>
    public static Dictionary<string, RedisResult> Fields(RedisResult reply)
    {
        var fields = new Dictionary<string, RedisResult>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < reply.Length; i += 2)
        {
            fields[reply[i].AsString()!] = reply[i + 1];
        }

        return fields;
    }

    public static StreamInfo Info(RedisResult reply)
    {
        var fields = Fields(reply);
        StreamEntry? OptionalEntry(string name) =>
            fields.TryGetValue(name, out var value) && !value.IsNull ? Entry(value) : null;
        return new StreamInfo(
            Long(fields, "length") ?? 0,
            Long(fields, "radix-tree-keys") ?? 0,
            Long(fields, "radix-tree-nodes") ?? 0,
            Long(fields, "groups") ?? 0,
            fields.TryGetValue("last-generated-id", out var last) ? last.AsString()! : "0-0",
            Long(fields, "entries-added"),
            OptionalEntry("first-entry"),
            OptionalEntry("last-entry"),
            fields);
    }

    public static StreamGroupInfo Group(RedisResult reply)
    {
        var fields = Fields(reply);
        return new StreamGroupInfo(
            fields["name"].AsString()!,
            Long(fields, "consumers") ?? 0,
            Long(fields, "pending") ?? 0,
            fields.TryGetValue("last-delivered-id", out var last) ? last.AsString()! : "0-0",
            Long(fields, "entries-read"),
            Long(fields, "lag"));
    }

    private static long? Long(Dictionary<string, RedisResult> fields, string name) =>
        fields.TryGetValue(name, out var value) && !value.IsNull ? value.AsInt64() : null;
}
