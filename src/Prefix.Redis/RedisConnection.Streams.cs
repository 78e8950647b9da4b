namespace Prefix.Redis;

/// <summary>Streams and consumer groups.</summary>
public sealed partial class RedisConnection
{
    /// <summary>XADD with one field.</summary>
    public Task<string> StreamAddAsync(
        string key,
        RedisValue field,
        RedisValue value,
        string id = "*",
        long? maxLength = null,
        bool approximate = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        // The hot path of event ingestion: arguments are built directly, without an entry list.
        RedisValue[] args = maxLength is { } max
            ? [key, "MAXLEN", approximate ? "~" : "=", max, id, field, value]
            : [key, id, field, value];
        return SendAsync("XADD", args, static r => r.AsString()!, cancellationToken);
    }

    /// <summary>XADD key [MAXLEN ~|= n] id field value...; returns the entry id.</summary>
    /// <remarks>
    /// <paramref name="id"/> "*" lets the server choose; otherwise an explicit "ms-seq" id. With
    /// <paramref name="maxLength"/> the stream is trimmed to about (<paramref name="approximate"/>, "~")
    /// or exactly ("=") that many entries.
    /// </remarks>
    public Task<string> StreamAddAsync(
        string key,
        IReadOnlyList<NameValueEntry> fields,
        string id = "*",
        long? maxLength = null,
        bool approximate = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (fields.Count == 0)
        {
            throw new ArgumentException("A stream entry needs at least one field.", nameof(fields));
        }

        var args = new RedisValue[(maxLength is null ? 2 : 5) + (fields.Count * 2)];
        var i = 0;
        args[i++] = key;
        if (maxLength is { } max)
        {
            args[i++] = "MAXLEN";
            args[i++] = approximate ? "~" : "=";
            args[i++] = max;
        }

        args[i++] = id;
        foreach (var field in fields)
        {
            args[i++] = field.Name;
            args[i++] = field.Value;
        }

        return SendAsync("XADD", args, static r => r.AsString(), cancellationToken)!;
    }

    /// <summary>XGROUP CREATE key group position [MKSTREAM]; an existing group is reported, not thrown.</summary>
    /// <remarks><paramref name="position"/>: "$" for only new entries, "0" for the whole stream.</remarks>
    public async Task<StreamGroupCreateResult> StreamCreateConsumerGroupAsync(
        string key,
        string group,
        string position = "$",
        bool createStream = true,
        CancellationToken cancellationToken = default)
    {
        RedisValue[] args = createStream ? ["CREATE", key, group, position, "MKSTREAM"] : ["CREATE", key, group, position];
        try
        {
            await SendAsync("XGROUP", args, cancellationToken).ConfigureAwait(false);
            return StreamGroupCreateResult.Created;
        }
        catch (RedisServerException e) when (e.Prefix == "BUSYGROUP")
        {
            return StreamGroupCreateResult.AlreadyExists;
        }
    }

    /// <summary>XREADGROUP on one stream; empty when BLOCK ran out without entries.</summary>
    /// <remarks>
    /// <paramref name="position"/>: "&gt;" for new entries; "0" (or an id) to re-read this consumer's
    /// pending entries. <paramref name="block"/>: BLOCK time; the command timeout is extended by it, and
    /// <see cref="TimeSpan.Zero"/> blocks forever (cancel with the token).
    /// </remarks>
    public async Task<IReadOnlyList<StreamEntry>> StreamReadGroupAsync(
        string key,
        string group,
        string consumer,
        string position = ">",
        int? count = null,
        TimeSpan? block = null,
        bool noAck = false,
        CancellationToken cancellationToken = default)
    {
        var streams = await StreamReadGroupAsync(group, consumer, [new StreamPosition(key, position)], count, block, noAck, cancellationToken)
            .ConfigureAwait(false);
        return streams.Count == 0 ? [] : streams[0].Entries;
    }

    /// <summary>XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS k1 k2 ... id1 id2 ...</summary>
    public async Task<IReadOnlyList<RedisStream>> StreamReadGroupAsync(
        string group,
        string consumer,
        IReadOnlyList<StreamPosition> streams,
        int? count = null,
        TimeSpan? block = null,
        bool noAck = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Count == 0)
        {
            throw new ArgumentException("At least one stream is required.", nameof(streams));
        }

        var args = new List<RedisValue>(8 + (streams.Count * 2)) { "GROUP", group, consumer };
        if (count is { } n)
        {
            args.Add("COUNT");
            args.Add(n);
        }

        var timeout = _options.CommandTimeout;
        if (block is { } wait)
        {
            args.Add("BLOCK");
            args.Add((long)wait.TotalMilliseconds);
            timeout = wait == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout + wait;
        }

        if (noAck)
        {
            args.Add("NOACK");
        }

        args.Add("STREAMS");
        args.AddRange(streams.Select(s => (RedisValue)s.Key));
        args.AddRange(streams.Select(s => (RedisValue)s.Position));
        var reply = await SendAsync("XREADGROUP", [.. args], timeout, cancellationToken).ConfigureAwait(false);
        return StreamReplies.Streams(reply);
    }

    /// <summary>XACK; returns how many entries were acknowledged.</summary>
    public Task<long> StreamAcknowledgeAsync(string key, string group, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        RedisValue[] args = [key, group, .. ids.Select(id => (RedisValue)id)];
        return SendAsync("XACK", args, static r => r.AsInt64(), cancellationToken);
    }

    public Task<long> StreamAcknowledgeAsync(string key, string group, string id, CancellationToken cancellationToken = default) =>
        StreamAcknowledgeAsync(key, group, [id], cancellationToken);

    /// <summary>XAUTOCLAIM: transfers entries pending longer than <paramref name="minIdle"/> to <paramref name="consumer"/>.</summary>
    public async Task<StreamAutoClaimResult> StreamAutoClaimAsync(
        string key,
        string group,
        string consumer,
        TimeSpan minIdle,
        string start = "0-0",
        int? count = null,
        CancellationToken cancellationToken = default)
    {
        RedisValue[] args = count is { } n
            ? [key, group, consumer, (long)minIdle.TotalMilliseconds, start, "COUNT", n]
            : [key, group, consumer, (long)minIdle.TotalMilliseconds, start];
        var reply = await SendAsync("XAUTOCLAIM", args, cancellationToken).ConfigureAwait(false);
        var deleted = reply.Length > 2 ? reply[2].Items.Select(i => i.AsString()!).ToArray() : [];
        // Entries deleted from the stream can appear as nulls in the claimed list on some versions.
        var claimed = reply[1].Items.Where(i => !i.IsNull).Select(StreamReplies.Entry).ToArray();
        return new StreamAutoClaimResult(reply[0].AsString()!, claimed, deleted);
    }

    /// <summary>XPENDING key group (summary form).</summary>
    public async Task<StreamPendingInfo> StreamPendingAsync(string key, string group, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync("XPENDING", [key, group], cancellationToken).ConfigureAwait(false);
        var consumers = reply[3].Items
            .Select(c => new StreamConsumer(c[0].AsString()!, c[1].AsInt64()))
            .ToArray();
        return new StreamPendingInfo(reply[0].AsInt64(), reply[1].AsString(), reply[2].AsString(), consumers);
    }

    /// <summary>XPENDING key group [IDLE ms] start end count [consumer] (extended form).</summary>
    public async Task<IReadOnlyList<StreamPendingMessageInfo>> StreamPendingMessagesAsync(
        string key,
        string group,
        int count,
        string? consumer = null,
        string start = "-",
        string end = "+",
        TimeSpan? minIdle = null,
        CancellationToken cancellationToken = default)
    {
        var args = new List<RedisValue>(8) { key, group };
        if (minIdle is { } idle)
        {
            args.Add("IDLE");
            args.Add((long)idle.TotalMilliseconds);
        }

        args.Add(start);
        args.Add(end);
        args.Add(count);
        if (consumer is not null)
        {
            args.Add(consumer);
        }

        var reply = await SendAsync("XPENDING", [.. args], cancellationToken).ConfigureAwait(false);
        return [.. reply.Items.Select(r => new StreamPendingMessageInfo(
            r[0].AsString()!, r[1].AsString()!, TimeSpan.FromMilliseconds(r[2].AsInt64()), r[3].AsInt64()))];
    }

    public Task<long> StreamLengthAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("XLEN", [key], static r => r.AsInt64(), cancellationToken);

    /// <summary>XTRIM key MAXLEN [~|=] n; returns how many entries were removed.</summary>
    public Task<long> StreamTrimAsync(string key, long maxLength, bool approximate = false, CancellationToken cancellationToken = default) =>
        SendAsync("XTRIM", [key, "MAXLEN", approximate ? "~" : "=", maxLength], static r => r.AsInt64(), cancellationToken);

    /// <summary>XINFO STREAM key.</summary>
    public Task<StreamInfo> StreamInfoAsync(string key, CancellationToken cancellationToken = default) =>
        SendAsync("XINFO", ["STREAM", key], StreamReplies.Info, cancellationToken);

    /// <summary>XINFO GROUPS key.</summary>
    public async Task<IReadOnlyList<StreamGroupInfo>> StreamGroupInfoAsync(string key, CancellationToken cancellationToken = default) =>
        [.. (await SendAsync("XINFO", ["GROUPS", key], cancellationToken).ConfigureAwait(false)).Items.Select(StreamReplies.Group)];

    /// <summary>XRANGE key start end [COUNT n].</summary>
    public Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(
        string key,
        string start = "-",
        string end = "+",
        int? count = null,
        CancellationToken cancellationToken = default)
    {
        RedisValue[] args = count is { } n ? [key, start, end, "COUNT", n] : [key, start, end];
        return SendAsync<IReadOnlyList<StreamEntry>>("XRANGE", args, StreamReplies.Entries, cancellationToken);
    }

    /// <summary>XDEL; returns how many entries were deleted.</summary>
    public Task<long> StreamDeleteAsync(string key, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        RedisValue[] args = [key, .. ids.Select(id => (RedisValue)id)];
        return SendAsync("XDEL", args, static r => r.AsInt64(), cancellationToken);
    }
}
