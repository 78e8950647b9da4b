using System.Globalization;
using Prefix.Pipeline.Tests.Support;
using Prefix.Testing.Pipeline;
using Prefix.Testing.Redirects;
using Xunit.Abstractions;

namespace Prefix.Pipeline.Tests.EndToEnd;

/// <summary>10,000 requests through the real edge, Redis and ingest into ClickHouse, checked row by row.</summary>
public sealed class TenThousandHitsTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;

    /// <summary>Agents and what the classifier (Prefix.UserAgents) makes of them: app, device, os, bot reason.</summary>
    private static readonly (string Agent, string App, string Device, string Os, string BotReason)[] Agents =
    [
        ("AppleCoreMedia/1.0.0.20E252 (iPhone; U; CPU OS 16_4_1 like Mac OS X; en_us)", "Apple Podcasts", "phone", "iOS", ""),
        ("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Overcast", "unknown", "iOS", ""),
        ("Spotify/8.8.0 iOS/16.4 (iPhone14,2)", "Spotify", "phone", "iOS", ""),
        ("curl/8.0", "curl", "server", "", "bot_lib"),
    ];

    /// <summary>Listener addresses (sent as X-Forwarded-For from trusted loopback) and their GeoLite2/ASN place; null = not asserted.</summary>
    private static readonly (string Ip, string Country, string? Subdivision, string? City, string? TimeZone, uint Asn)[] Addresses =
    [
        ("8.8.8.8", "US", null, null, null, 15169),
        ("129.187.1.1", "DE", "BY", "Munich", "Europe/Berlin", 12816),
        ("133.11.0.1", "JP", "13", null, "Asia/Tokyo", 2501),
        ("2001:4860:4860::8888", "US", null, null, null, 15169),
    ];

    [Fact]
    public async Task Edge_TenThousandMixedRequests_EachLandsInClickHouseOnceWithItsFields()
    {
        await using var pipeline = await LocalPipeline.StartAsync();
        using var store = new HitStore(pipeline);

        var load = await HitLoad.RunAsync(pipeline.EdgePort, Plan, new HitLoadOptions { MaxRequests = Requests, Concurrency = 48, Duration = TimeSpan.FromSeconds(90) });
        output.WriteLine(load.ToString());
        Assert.Equal(Requests, load.Count(RequestKind.Redirected));

        var drain = await store.WaitForMarkersAsync(Enumerable.Range(0, Requests).ToList(), TimeSpan.FromSeconds(60));
        output.WriteLine($"all {Requests} in ClickHouse {drain.TotalSeconds:F1} s after the last response");

        Assert.Equal(Requests, await store.ScalarAsync("SELECT count() FROM hits"));
        Assert.Equal(Requests, await store.ScalarAsync("SELECT uniqExact(hit_id) FROM hits"));
        var markers = await store.MarkersAsync();
        Assert.Equal(Enumerable.Range(0, Requests), markers.Keys.Order());
        Assert.All(markers.Values, m => Assert.Equal((1L, 1L), m));

        var rows = await ReadRowsAsync(store);
        Assert.Equal(Requests, rows.Count);
        foreach (var row in rows)
        {
            AssertRow(row);
        }

        AssertKeys(rows);
    }

    private static PlannedRequest Plan(int i)
    {
        var arguments = i % 11 == 0 ? $"/e,pg={PrefixUrlTable.Guid1}/" : "/e/";
        var scheme = i % 13 == 0 ? "http://" : string.Empty;
        var target = string.Create(CultureInfo.InvariantCulture, $"{arguments}{scheme}cdn.example.com/show/ep{i % 7}.mp3?n={i}&utm_source=pipeline&_from=test");
        var range = (i % 3) switch { 0 => "bytes=0-1", 1 => "bytes=0-", _ => null };
        return new PlannedRequest(i % 10 == 3 ? "HEAD" : "GET", target, Agents[i % Agents.Length].Agent, Addresses[i / Agents.Length % Addresses.Length].Ip, range);
    }

    private static async Task<List<Dictionary<string, string>>> ReadRowsAsync(HitStore store)
    {
        var rows = new List<Dictionary<string, string>>();
        await foreach (var row in store.Client.QueryRowsAsync("SELECT * FROM hits"))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < row.FieldCount; c++)
            {
                values[row.GetName(c)] = row.GetString(c);
            }

            rows.Add(values);
        }

        return rows;
    }

    private static void AssertRow(Dictionary<string, string> row)
    {
        var n = int.Parse(row["target_url"].Split("n=")[1].Split('&')[0], CultureInfo.InvariantCulture);
        var planned = Plan(n);
        var agent = Agents[n % Agents.Length];
        var address = Addresses[n / Agents.Length % Addresses.Length];
        var context = $"n={n}: ";
        var scheme = n % 13 == 0 ? "http" : "https";

        Assert.True(planned.Method == row["method"], context + row["method"]);
        Assert.Equal($"{scheme}://cdn.example.com/show/ep{n % 7}.mp3?n={n}&utm_source=pipeline&_from=test", row["target_url"]);
        Assert.Equal($"cdn.example.com/show/ep{n % 7}.mp3?n={n}", row["episode_key"]);
        Assert.EndsWith(planned.Target, row["request_url"], StringComparison.Ordinal);
        Assert.Equal(n % 11 == 0 ? $"pg={PrefixUrlTable.Guid1}" : string.Empty, row["prefix_args"]);
        Assert.Equal(n % 11 == 0 ? PrefixUrlTable.Guid1 : string.Empty, row["podcast_guid"]);
        Assert.Equal(agent.Agent, row["user_agent"]);
        Assert.True(agent.App == row["app"], context + $"app '{row["app"]}' for {agent.Agent}");
        Assert.True(agent.Device == row["device"], context + $"device '{row["device"]}' for {agent.Agent}");
        Assert.True(agent.Os == row["os"], context + $"os '{row["os"]}' for {agent.Agent}");
        Assert.Equal(agent.BotReason, row["bot_reason"]);
        Assert.Equal(agent.BotReason.Length == 0 ? "0" : "1", row["is_bot"]);
        Assert.Equal("0", row["is_apple_watch"]);
        Assert.Equal(planned.Range ?? string.Empty, row["range"]);
        Assert.Equal(string.Empty, row["referer"]);
        Assert.Equal(address.Country, row["country"]);
        Assert.Equal(address.Asn.ToString(CultureInfo.InvariantCulture), row["asn"]);
        Assert.True(address.Subdivision is null || address.Subdivision == row["subdivision"], context + row["subdivision"]);
        Assert.True(address.City is null || address.City == row["city"], context + row["city"]);
        Assert.True(address.TimeZone is null || address.TimeZone == row["timezone"], context + row["timezone"]);
        Assert.NotEqual(string.Empty, row["as_org"]);
        Assert.Equal("1", row["key_id"]);
        Assert.Equal("0", row["status"]);
        Assert.Equal("-1", row["bytes_served"]);
        Assert.Equal("edge", row["source"]);
        Assert.Equal(32, row["listener_key"].Length);
        Assert.Equal(32, row["household_key"].Length);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(row["ts_ms"], CultureInfo.InvariantCulture));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // The raw IP never leaves the edge: no column of the row holds it, in any form we sent.
        foreach (var (column, value) in row)
        {
            foreach (var ip in Addresses.Select(a => a.Ip).Append("2001:4860:4860"))
            {
                Assert.False(value.Contains(ip, StringComparison.Ordinal), $"{context}column {column} holds the raw IP {ip}");
            }
        }
    }

    private static void AssertKeys(List<Dictionary<string, string>> rows)
    {
        int N(Dictionary<string, string> row) => int.Parse(row["target_url"].Split("n=")[1].Split('&')[0], CultureInfo.InvariantCulture);

        // Same IP and agent: one listener key; any other combination: another key.
        var listeners = rows.GroupBy(r => (Ip: N(r) / Agents.Length % Addresses.Length, Agent: N(r) % Agents.Length))
            .ToDictionary(g => g.Key, g => g.Select(r => r["listener_key"]).Distinct().ToList());
        Assert.Equal(Agents.Length * Addresses.Length, listeners.Count);
        Assert.All(listeners.Values, keys => Assert.Single(keys));
        Assert.Equal(listeners.Count, listeners.Values.Select(k => k[0]).Distinct().Count());

        // Same IP: one household key whatever the agent; different IPs: different households.
        var households = rows.GroupBy(r => N(r) / Agents.Length % Addresses.Length)
            .ToDictionary(g => g.Key, g => g.Select(r => r["household_key"]).Distinct().ToList());
        Assert.Equal(Addresses.Length, households.Count);
        Assert.All(households.Values, keys => Assert.Single(keys));
        Assert.Equal(households.Count, households.Values.Select(k => k[0]).Distinct().Count());
        Assert.Empty(households.Values.Select(k => k[0]).Intersect(listeners.Values.Select(k => k[0])));
    }
}
