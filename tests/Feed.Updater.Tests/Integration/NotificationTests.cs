using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Feed.Updater.Publishing;
using Feed.Updater.Tests.Publishing;

namespace Feed.Updater.Tests.Integration;

/// <summary>
/// End to end: a new episode reaches the Redis Stream and a webhook receiver (signature verified) once, in
/// sequence order; a killed updater loses no event.
/// </summary>
public sealed class NotificationTests
{
    [Fact]
    public async Task NewEpisode_ReachesStreamAndSignedWebhookOnceInSequenceOrder()
    {
        await using var updater = await UpdaterUnderTest.StartAsync();
        const string Secret = "whsec-integration-0123456789abcdef";
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        using (var created = await updater.Http.PostAsJsonAsync(new Uri(updater.BaseUri, "v1/webhooks"), new { url = receiver.Url.AbsoluteUri, secret = Secret }))
        {
            Assert.Equal(201, (int)created.StatusCode);
        }

        updater.Feeds.ServeXml("/hooked.xml", TestFeeds.Rss("Hooked", 2), etag: "\"1\"");
        var id = await updater.RegisterAsync(updater.Feeds.Url("/hooked.xml"));
        await updater.WaitForEventsAsync(id, 3);
        await updater.WaitForPollAsync(id, DateTimeOffset.UnixEpoch);
        updater.Feeds.ServeXml("/hooked.xml", TestFeeds.Rss("Hooked", 3, DateTimeOffset.UtcNow.AddMinutes(-1)), etag: "\"2\"");
        await updater.MakeDueAsync(id);
        var events = await updater.WaitForEventsAsync(id, 4);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (receiver.Received.Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var deliveries = receiver.Received.Select(d => JsonNode.Parse(d.Body)!).Where(e => e["feedId"]!.GetValue<string>() == id.ToString("D")).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], deliveries.Select(d => d["sequence"]!.GetValue<long>()));
        Assert.All(receiver.Received, d => Assert.Equal(WebhookSignatureResult.Valid, d.Signature));
        Assert.Equal(events.Select(e => e["eventId"]!.GetValue<string>()), deliveries.Select(d => d["eventId"]!.GetValue<string>()));
        Assert.Equal("Hooked-ep-3", deliveries[3]["episodes"]!["added"]![0]!["guid"]!.GetValue<string>());
    }

    [Fact]
    public async Task KilledUpdater_RestartedAfterward_EveryFeedHasAGaplessEventSequence()
    {
        await using var updater = await UpdaterUnderTest.StartAsync();
        const int Feeds = 150;
        var ids = new List<Guid>();
        for (var n = 0; n < Feeds; n++)
        {
            updater.Feeds.ServeXml($"/k{n}.xml", TestFeeds.Rss($"Kill {n}", 3), etag: $"\"k{n}-1\"");
            ids.Add(await updater.RegisterAsync(updater.Feeds.Url($"/k{n}.xml")));
        }

        // Change every feed and make them all due, then kill the updater while it works through them.
        await Task.Delay(500);
        for (var n = 0; n < Feeds; n++)
        {
            updater.Feeds.ServeXml($"/k{n}.xml", TestFeeds.Rss($"Kill {n}", 4, DateTimeOffset.UtcNow.AddMinutes(-1)), etag: $"\"k{n}-2\"");
        }

        foreach (var id in ids)
        {
            await updater.MakeDueAsync(id);
        }

        await Task.Delay(300);
        updater.Kill();
        await updater.StartServiceAsync();

        foreach (var id in ids)
        {
            await updater.MakeDueAsync(id);
        }

        // Each feed ends with: registered, metadata, episodes (3 added) and, once it saw version 2, episodes (1 added)
        // — or registered, metadata, episodes (4 added) when its first poll already saw version 2.
        foreach (var id in ids)
        {
            var events = await updater.WaitForEventsAsync(id, 3, TimeSpan.FromSeconds(60));
            var sequences = events.Select(e => e["sequence"]!.GetValue<long>()).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
            Assert.Equal(events.Count, events.Select(e => e["eventId"]!.GetValue<string>()).Distinct().Count());
        }

        var latest = await Task.WhenAll(ids.Select(async id =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                var count = await updater.CountAsync($"SELECT count() FROM episodes FINAL WHERE feed_id = toUUID('{id:D}')");
                var added = (await updater.EventsAsync(id)).Where(e => e["eventType"]!.GetValue<string>() == "episodes.changed")
                    .Sum(e => e["episodes"]!["added"]!.AsArray().Count);
                if ((count == 4 && added == 4) || DateTime.UtcNow > deadline)
                {
                    return (count, added);
                }

                await updater.MakeDueAsync(id);
                await Task.Delay(200);
            }
        }));
        Assert.All(latest, l => Assert.Equal((4L, 4), l));
    }
}
