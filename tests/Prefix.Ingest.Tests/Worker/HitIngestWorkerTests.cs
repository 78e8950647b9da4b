using Prefix.Core.Hits;

namespace Prefix.Ingest.Tests.Worker;

/// <summary>The worker in-process against the real Redis and ClickHouse: entries in, rows out, stream cleaned up.</summary>
public sealed class HitIngestWorkerTests
{
    [Fact]
    public async Task ExecuteAsync_FiveThousandEntries_InsertsEachOnceAcknowledgesAndTrims()
    {
        await using var ingest = await IngestHarness.CreateAsync(configure: o =>
        {
            o.BatchSize = 1_000;
            o.TrimInterval = TimeSpan.FromMilliseconds(300);
        });
        await ingest.StartWorkerAsync();
        var hits = Enumerable.Range(0, 5_000).Select(TestHits.Create).ToArray();

        await ingest.AddAllAsync(hits);
        await ingest.WaitAllAcknowledgedAsync();

        Assert.Equal(5_000, await ingest.RowCountAsync());
        Assert.Equal(5_000, await ingest.DistinctHitCountAsync());
        Assert.Equal(0, await ingest.PendingAsync());
        await AssertRowsMatchAsync(ingest, hits);

        // Every entry is acknowledged by the only group, so the next trim drops them all (MINID past the last one).
        await ingest.WaitUntilAsync(async () => await ingest.Redis.StreamLengthAsync(ingest.Options.Stream) == 0, "the stream to be trimmed");
        Assert.Null(ingest.Worker!.ExecuteTask!.Exception);
    }

    [Fact]
    public async Task ExecuteAsync_EntriesWrittenBeforeTheGroupExisted_IngestsThem()
    {
        await using var ingest = await IngestHarness.CreateAsync();
        var hits = Enumerable.Range(0, 300).Select(TestHits.Create).ToArray();
        await ingest.AddAllAsync(hits);
        Assert.Empty(await ingest.Redis.StreamGroupInfoAsync(ingest.Options.Stream));

        await ingest.StartWorkerAsync();
        await ingest.WaitAllAcknowledgedAsync();

        Assert.Equal(300, await ingest.RowCountAsync());
        Assert.Equal(300, await ingest.DistinctHitCountAsync());
        Assert.Equal(0, await ingest.PendingAsync());
    }

    [Fact]
    public async Task ExecuteAsync_PoisonEntriesBetweenGoodOnes_ParksThemAndInsertsTheRest()
    {
        await using var ingest = await IngestHarness.CreateAsync();
        var hits = Enumerable.Range(0, 20).Select(TestHits.Create).ToArray();
        await ingest.AddAllAsync(hits[..10]);
        var garbageId = await ingest.Redis.StreamAddAsync(ingest.Options.Stream, "h", "{not json");
        var withoutHitId = await ingest.Redis.StreamAddAsync(ingest.Options.Stream, [new("x", "1"), new("note", "no h field")]);
        var microsecondsId = await ingest.AddAsync(TestHits.Create(99) with { TimestampMs = TestHits.BaseTimestampMs * 1000 });
        var minimal = Guid.CreateVersion7();
        await ingest.Redis.StreamAddAsync(ingest.Options.Stream, "h", $$"""{"id":"{{minimal}}","ts":{{TestHits.BaseTimestampMs}},"m":"GET","u":"https://pfx.example.net/e/cdn.example.com/a.mp3","t":"https://cdn.example.com/a.mp3"}""");
        await ingest.AddAllAsync(hits[10..]);

        await ingest.StartWorkerAsync();
        await ingest.WaitAllAcknowledgedAsync();

        // The 20 good hits and the one without optional fields are rows; the three poison entries are parked.
        Assert.Equal(21, await ingest.RowCountAsync());
        Assert.Equal(1, await ingest.ScalarAsync($"SELECT count() FROM hits WHERE hit_id = toUUID('{minimal}') AND source = 'edge' AND user_agent = ''"));
        Assert.Equal(0, await ingest.PendingAsync());
        var parked = await ingest.Redis.StreamRangeAsync(ingest.Options.ParkedStream);
        Assert.Equal(3, parked.Count);
        Assert.Contains("beyond", Assert.Single(parked, p => p["id"].ToString() == microsecondsId)["reason"].ToString(), StringComparison.Ordinal);

        var garbage = Assert.Single(parked, p => p["id"].ToString() == garbageId);
        Assert.StartsWith("not a hit document", garbage["reason"].ToString(), StringComparison.Ordinal);
        Assert.Equal("{not json", garbage["h"].ToString());

        // The original fields travel with the parked entry, so nothing of it is lost.
        var noHit = Assert.Single(parked, p => p["id"].ToString() == withoutHitId);
        Assert.False(string.IsNullOrEmpty(noHit["reason"].ToString()));
        Assert.Equal("1", noHit["x"].ToString());
        Assert.Equal("no h field", noHit["note"].ToString());
        Assert.True(noHit["h"].IsNull);
    }

    [Fact]
    public async Task ExecuteAsync_EntryOfAConsumerThatCrashed_ClaimsAndInsertsIt()
    {
        await using var ingest = await IngestHarness.CreateAsync(configure: o =>
        {
            o.ClaimIdle = TimeSpan.FromSeconds(1);
            o.ClaimInterval = TimeSpan.FromMilliseconds(500);
        });
        var hits = Enumerable.Range(0, 50).Select(TestHits.Create).ToArray();
        await ingest.Redis.StreamCreateConsumerGroupAsync(ingest.Options.Stream, ingest.Options.Group, "0");
        await ingest.AddAllAsync(hits);

        // Consumer A reads everything and dies without acknowledging.
        var taken = await ingest.Redis.StreamReadGroupAsync(ingest.Options.Stream, ingest.Options.Group, "A", ">", 100);
        Assert.Equal(50, taken.Count);
        Assert.Equal(50, Assert.Single((await ingest.Redis.StreamPendingAsync(ingest.Options.Stream, ingest.Options.Group)).Consumers).PendingMessageCount);

        await ingest.StartWorkerAsync();
        await ingest.WaitUntilAsync(async () => await ingest.PendingAsync() == 0, "the abandoned entries to be acknowledged");

        // Nothing was left for ">" to deliver: the rows can only have come from XAUTOCLAIM.
        Assert.Equal(50, await ingest.RowCountAsync());
        Assert.Equal(50, await ingest.DistinctHitCountAsync());
        Assert.Empty((await ingest.Redis.StreamPendingAsync(ingest.Options.Stream, ingest.Options.Group)).Consumers);
    }

    /// <summary>
    /// Delivery is at least once: an entry shipped twice (or a batch re-inserted after a crash between insert and
    /// XACK) becomes two physical rows with one hit id until ClickHouse merges them. Counting reads distinct hit
    /// ids, so the duplicate never counts; OPTIMIZE … FINAL (or a background merge) leaves one row, because the
    /// ReplacingMergeTree key (episode_key, ts, hit_id) is the same for both.
    /// </summary>
    [Fact]
    public async Task ExecuteAsync_ReplayedEntry_CountsOnceByHitIdAndMergesToOneRow()
    {
        await using var ingest = await IngestHarness.CreateAsync();
        var replayed = TestHits.Create(1);
        var other = TestHits.Create(2);
        await ingest.StartWorkerAsync();

        await ingest.AddAllAsync([replayed, other]);
        await ingest.WaitAllAcknowledgedAsync();
        await ingest.AddAsync(replayed);
        await ingest.WaitAllAcknowledgedAsync();

        // Two inserts, two parts: usually 3 rows now, 2 if a background merge already ran.
        Assert.InRange(await ingest.RowCountAsync(), 2, 3);
        Assert.Equal(2, await ingest.DistinctHitCountAsync());
        Assert.Equal(1, await ingest.ScalarAsync($"SELECT uniqExact(hit_id) FROM hits WHERE hit_id = toUUID('{replayed.Id}')"));

        await ingest.ClickHouse.ExecuteAsync("OPTIMIZE TABLE hits FINAL");

        Assert.Equal(2, await ingest.RowCountAsync());
        Assert.Equal(1, await ingest.ScalarAsync($"SELECT count() FROM hits WHERE hit_id = toUUID('{replayed.Id}')"));
    }

    [Fact]
    public async Task StopAsync_RunningWorker_StopsPromptlyWithoutError()
    {
        await using var ingest = await IngestHarness.CreateAsync();
        await ingest.StartWorkerAsync();
        await ingest.AddAsync(TestHits.Create(0));
        await ingest.WaitAllAcknowledgedAsync();
        var worker = ingest.Worker!;

        var stopping = ingest.StopWorkerAsync();

        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(worker.ExecuteTask!.IsCompleted);
        Assert.Null(worker.ExecuteTask.Exception);
    }

    private static async Task AssertRowsMatchAsync(IngestHarness ingest, HitRecord[] hits)
    {
        var expected = hits.ToDictionary(h => h.Id);
        var seen = 0;
        await foreach (var row in ingest.ClickHouse.QueryRowsAsync(
            "SELECT hit_id, ts_ms, toUnixTimestamp(ts), episode_key, podcast_guid, user_agent, app, is_bot, bot_reason, listener_key, `range`, country, asn, source, bytes_served, status, method FROM hits"))
        {
            var hit = expected[row.GetUuid(0)];
            seen++;
            Assert.Equal((ulong)hit.TimestampMs, row.GetUInt64(1));
            Assert.Equal((ulong)(hit.TimestampMs / 1000), row.GetUInt64(2));
            Assert.Equal($"cdn.example.com/show/ep{(hit.TimestampMs - TestHits.BaseTimestampMs) % 7}.mp3", row.GetString(3));
            Assert.Equal(TestHits.PodcastGuid, row.GetString(4));
            Assert.Equal(hit.UserAgent, row.GetString(5));
            var (app, botReason) = ExpectedAgent(hit.UserAgent);
            Assert.Equal(app, row.GetString(6));
            Assert.Equal(botReason.Length == 0 ? 0UL : 1UL, row.GetUInt64(7));
            Assert.Equal(botReason, row.GetString(8));
            Assert.Equal(hit.ListenerKey, row.GetString(9));
            Assert.Equal(hit.Range, row.GetString(10));
            Assert.Equal("DE", row.GetString(11));
            Assert.Equal(3320UL, row.GetUInt64(12));
            Assert.Equal("edge", row.GetString(13));
            Assert.Equal(-1, row.GetInt64(14));
            Assert.Equal(0UL, row.GetUInt64(15));
            Assert.Equal("GET", row.GetString(16));
        }

        Assert.Equal(hits.Length, seen);
    }

    private static (string App, string BotReason) ExpectedAgent(string userAgent) => userAgent switch
    {
        _ when userAgent.StartsWith("AppleCoreMedia", StringComparison.Ordinal) => ("Apple Podcasts", ""),
        _ when userAgent.StartsWith("Spotify", StringComparison.Ordinal) => ("Spotify", ""),
        _ when userAgent.StartsWith("Overcast", StringComparison.Ordinal) => ("Overcast", ""),
        _ when userAgent.StartsWith("curl", StringComparison.Ordinal) => ("curl", "bot_lib"),
        _ => ("", "bot_ua"),
    };
}
