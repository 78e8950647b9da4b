namespace Prefix.Redis.Tests.Commands;

public class StreamCommandTests
{
    [Fact]
    public async Task StreamAddAsync_ExplicitAndAutoIds_AddsInOrder()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("xadd");

        Assert.Equal("1-1", await redis.StreamAddAsync(key, "f", "v1", id: "1-1"));
        Assert.Equal("1-2", await redis.StreamAddAsync(key, [new NameValueEntry("f", "v2"), new NameValueEntry("g", 7)], id: "1-2"));
        var auto = await redis.StreamAddAsync(key, "f", "v3");
        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.StreamAddAsync(key, "f", "old", id: "1-1"));

        Assert.Matches(@"^\d+-\d+$", auto);
        Assert.Contains("equal or smaller", error.ServerMessage, StringComparison.Ordinal);
        var entries = await redis.StreamRangeAsync(key);
        Assert.Equal(["1-1", "1-2", auto], entries.Select(e => e.Id));
        Assert.Equal("v2", entries[1]["f"].ToString());
        Assert.Equal(7, (long)entries[1]["g"]);
        Assert.Equal(3, await redis.StreamLengthAsync(key));
    }

    [Theory]
    [InlineData(false, 5, 5)]
    [InlineData(true, 5, 500)]
    public async Task StreamAddAsync_MaxLength_TrimsExactlyOrApproximately(bool approximate, long maxLength, long atMost)
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("maxlen");

        for (var i = 0; i < 500; i++)
        {
            await redis.StreamAddAsync(key, "i", i, maxLength: maxLength, approximate: approximate);
        }

        var length = await redis.StreamLengthAsync(key);
        Assert.InRange(length, maxLength, atMost);
        var last = await redis.StreamRangeAsync(key, "-", "+");
        Assert.Equal(499, (long)last[^1]["i"]);
        if (!approximate)
        {
            Assert.Equal([495L, 496, 497, 498, 499], last.Select(e => (long)e["i"]));
        }
    }

    [Fact]
    public async Task StreamTrimRangeAndDelete_Sequence_BehaveLikeRedis()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("xtrim");
        for (var i = 1; i <= 10; i++)
        {
            await redis.StreamAddAsync(key, "i", i, id: $"{i}-0");
        }

        Assert.Equal(4, await redis.StreamTrimAsync(key, 6));
        Assert.Equal(["5-0", "6-0"], (await redis.StreamRangeAsync(key, "5", "6")).Select(e => e.Id));
        Assert.Equal(["5-0", "6-0", "7-0"], (await redis.StreamRangeAsync(key, count: 3)).Select(e => e.Id));
        Assert.Equal(2, await redis.StreamDeleteAsync(key, ["5-0", "6-0", "99-0"]));
        Assert.Equal(4, await redis.StreamLengthAsync(key));
    }

    [Fact]
    public async Task StreamCreateConsumerGroupAsync_Twice_ReportsAlreadyExists()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("xgroup");

        Assert.Equal(StreamGroupCreateResult.Created, await redis.StreamCreateConsumerGroupAsync(key, "g"));
        Assert.Equal(StreamGroupCreateResult.AlreadyExists, await redis.StreamCreateConsumerGroupAsync(key, "g"));
        Assert.Equal(0, await redis.StreamLengthAsync(key));
    }

    [Fact]
    public async Task StreamCreateConsumerGroupAsync_NoStreamWithoutMkstream_ThrowsServerError()
    {
        await using var redis = await TestRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(
            () => redis.StreamCreateConsumerGroupAsync(TestRedis.Key("nostream"), "g", createStream: false));

        Assert.Contains("MKSTREAM", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamReadGroupAsync_UnknownGroup_ThrowsNoGroup()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("nogroup");
        await redis.StreamAddAsync(key, "f", "v");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.StreamReadGroupAsync(key, "missing", "c"));

        Assert.Equal("NOGROUP", error.Prefix);
        Assert.Equal("XREADGROUP", error.Command);
    }

    [Fact]
    public async Task ConsumerGroupFlow_ReadAckPendingAndAutoClaimCrashedConsumer_EntriesMoveToSurvivor()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("flow");
        await redis.StreamCreateConsumerGroupAsync(key, "g", "0");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await redis.StreamAddAsync(key, "episode", $"ep{i}"));
        }

        var first = await redis.StreamReadGroupAsync(key, "g", "alive", count: 3);
        var second = await redis.StreamReadGroupAsync(key, "g", "crashed", count: 10);
        Assert.Equal(ids[..3], first.Select(e => e.Id));
        Assert.Equal(ids[3..], second.Select(e => e.Id));
        Assert.Equal("ep0", first[0]["episode"].ToString());
        Assert.Empty(await redis.StreamReadGroupAsync(key, "g", "alive"));

        Assert.Equal(1, await redis.StreamAcknowledgeAsync(key, "g", ids[0]));
        var summary = await redis.StreamPendingAsync(key, "g");
        Assert.Equal(4, summary.PendingMessageCount);
        Assert.Equal(ids[1], summary.LowestPendingMessageId);
        Assert.Equal(ids[4], summary.HighestPendingMessageId);
        Assert.Equal([new StreamConsumer("alive", 2), new StreamConsumer("crashed", 2)], summary.Consumers.OrderBy(c => c.Name));

        // "alive" keeps working; "crashed" never acknowledges. After the idle threshold a survivor claims its entries.
        Assert.Equal(2, await redis.StreamAcknowledgeAsync(key, "g", [ids[1], ids[2]]));
        await Task.Delay(150);
        var claim = await redis.StreamAutoClaimAsync(key, "g", "survivor", TimeSpan.FromMilliseconds(100), count: 10);

        Assert.Equal("0-0", claim.NextStartId);
        Assert.Equal(ids[3..], claim.ClaimedEntries.Select(e => e.Id));
        Assert.Empty(claim.DeletedIds);
        var rows = await redis.StreamPendingMessagesAsync(key, "g", 10);
        Assert.All(rows, r => Assert.Equal("survivor", r.ConsumerName));
        Assert.All(rows, r => Assert.Equal(2, r.DeliveryCount));
        Assert.Equal(ids[3..], rows.Select(r => r.MessageId));
        Assert.Empty(await redis.StreamPendingMessagesAsync(key, "g", 10, consumer: "crashed"));
        var survivorPending = await redis.StreamReadGroupAsync(key, "g", "survivor", position: "0");
        Assert.Equal(ids[3..], survivorPending.Select(e => e.Id));

        Assert.Equal(2, await redis.StreamAcknowledgeAsync(key, "g", ids[3..]));
        var done = await redis.StreamPendingAsync(key, "g");
        Assert.Equal(0, done.PendingMessageCount);
        Assert.Null(done.LowestPendingMessageId);
        Assert.Empty(done.Consumers);
    }

    [Fact]
    public async Task StreamAutoClaimAsync_PendingEntryDeleted_ReportsDeletedId()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("claim-deleted");
        await redis.StreamCreateConsumerGroupAsync(key, "g", "0");
        var kept = await redis.StreamAddAsync(key, "f", "1");
        var deleted = await redis.StreamAddAsync(key, "f", "2");
        await redis.StreamReadGroupAsync(key, "g", "crashed");
        await redis.StreamDeleteAsync(key, [deleted]);

        var claim = await redis.StreamAutoClaimAsync(key, "g", "survivor", TimeSpan.Zero);

        Assert.Equal([kept], claim.ClaimedEntries.Select(e => e.Id));
        Assert.Equal([deleted], claim.DeletedIds);
    }

    [Fact]
    public async Task StreamPendingMessagesAsync_IdleFilter_ExcludesFreshEntries()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("pending-idle");
        await redis.StreamCreateConsumerGroupAsync(key, "g", "0");
        await redis.StreamAddAsync(key, "f", "1");
        await redis.StreamReadGroupAsync(key, "g", "c");

        Assert.Empty(await redis.StreamPendingMessagesAsync(key, "g", 10, minIdle: TimeSpan.FromMinutes(1)));
        var row = Assert.Single(await redis.StreamPendingMessagesAsync(key, "g", 10, consumer: "c"));
        Assert.Equal("c", row.ConsumerName);
        Assert.Equal(1, row.DeliveryCount);
        Assert.InRange(row.Idle, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StreamReadGroupAsync_NoAck_LeavesNothingPending()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("noack");
        await redis.StreamCreateConsumerGroupAsync(key, "g", "0");
        await redis.StreamAddAsync(key, "f", "1");

        var entries = await redis.StreamReadGroupAsync(key, "g", "c", noAck: true);

        Assert.Single(entries);
        Assert.Equal(0, (await redis.StreamPendingAsync(key, "g")).PendingMessageCount);
    }

    [Fact]
    public async Task StreamReadGroupAsync_MultipleStreams_ReturnsEntriesPerStream()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var a = TestRedis.Key("multi-a");
        var b = TestRedis.Key("multi-b");
        var c = TestRedis.Key("multi-c");
        foreach (var key in new[] { a, b, c })
        {
            await redis.StreamCreateConsumerGroupAsync(key, "g", "0");
        }

        await redis.StreamAddAsync(a, "f", "a1");
        await redis.StreamAddAsync(a, "f", "a2");
        await redis.StreamAddAsync(b, "f", "b1");

        var streams = await redis.StreamReadGroupAsync("g", "c", [new StreamPosition(a, ">"), new StreamPosition(b, ">"), new StreamPosition(c, ">")], count: 10);

        Assert.Equal([a, b], streams.Select(s => s.Key));
        Assert.Equal(["a1", "a2"], streams[0].Entries.Select(e => e["f"].ToString()));
        Assert.Equal(["b1"], streams[1].Entries.Select(e => e["f"].ToString()));
    }

    [Fact]
    public async Task StreamReadGroupAsync_BlockUntilEntryArrives_ReturnsIt()
    {
        await using var reader = await TestRedis.ConnectAsync();
        await using var writer = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("block");
        await writer.StreamCreateConsumerGroupAsync(key, "g");

        var read = reader.StreamReadGroupAsync(key, "g", "c", count: 1, block: TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        var id = await writer.StreamAddAsync(key, "f", "late");

        var entry = Assert.Single(await TestRedis.Within(read));
        Assert.Equal(id, entry.Id);
    }

    [Fact]
    public async Task StreamInfoAsync_StreamWithGroups_ReportsFields()
    {
        await using var redis = await TestRedis.ConnectAsync();
        var key = TestRedis.Key("xinfo");
        await redis.StreamAddAsync(key, "f", "1", id: "1-0");
        await redis.StreamAddAsync(key, "f", "2", id: "2-0");
        await redis.StreamAddAsync(key, "f", "3", id: "3-0");
        await redis.StreamCreateConsumerGroupAsync(key, "g1", "0");
        await redis.StreamCreateConsumerGroupAsync(key, "g2", "$");
        await redis.StreamReadGroupAsync(key, "g1", "c1", count: 2);

        var info = await redis.StreamInfoAsync(key);
        var groups = await redis.StreamGroupInfoAsync(key);

        Assert.Equal(3, info.Length);
        Assert.Equal(2, info.ConsumerGroupCount);
        Assert.Equal("3-0", info.LastGeneratedId);
        Assert.Equal(3, info.EntriesAdded);
        Assert.Equal("1-0", info.FirstEntry!.Id);
        Assert.Equal("3", info.LastEntry!["f"].ToString());
        Assert.True(info.RadixTreeKeys >= 1);
        Assert.True(info.Fields.ContainsKey("max-deleted-entry-id"));
        Assert.Equal(
            [new StreamGroupInfo("g1", 1, 2, "2-0", 2, 1), new StreamGroupInfo("g2", 0, 0, "3-0", null, 0)],
            groups.OrderBy(g => g.Name));
    }
}
