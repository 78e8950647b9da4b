using System.Text.Json;
using Prefix.Core.Hits;

namespace Prefix.Ingest.Tests;

/// <summary>Hit documents as the edge ships them, with values that say which hit a row came from.</summary>
internal static class TestHits
{
    /// <summary>2026-11-02T22:00:00.123Z.</summary>
    public const long BaseTimestampMs = 1_793_656_800_123;

    public const string PodcastGuid = "6a08eaa9-0d92-55eb-8198-9c13d37c83f2";

    private static readonly string[] Agents =
    [
        "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)",
        "Spotify/8.6.98 Android/31 (SM-G991B)",
        "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)",
        "curl/8.5.0",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ];

    /// <summary>The <paramref name="index"/>th hit of a test: its own id, time, episode and agent.</summary>
    public static HitRecord Create(int index) => new()
    {
        Id = Guid.CreateVersion7(),
        TimestampMs = BaseTimestampMs + index,
        Method = "GET",
        RequestUrl = $"https://pfx.example.net/e,pg={PodcastGuid}/dts.podtrac.com/redirect.mp3/cdn.example.com/show/ep{index % 7}.mp3?utm_source=x",
        TargetUrl = $"https://dts.podtrac.com/redirect.mp3/cdn.example.com/show/ep{index % 7}.mp3?utm_source=x",
        PrefixArguments = $"pg={PodcastGuid}",
        UserAgent = Agents[index % Agents.Length],
        Range = index % 2 == 0 ? "bytes=0-" : string.Empty,
        ListenerKey = $"lk{index}",
        HouseholdKey = $"hk{index % 10}",
        KeyId = 3,
        Country = "DE",
        Asn = 3320,
        AsOrganization = "Deutsche Telekom AG",
    };

    public static string Json(HitRecord hit) => JsonSerializer.Serialize(hit, HitJsonContext.Default.HitRecord);

    public static byte[] Utf8(HitRecord hit) => JsonSerializer.SerializeToUtf8Bytes(hit, HitJsonContext.Default.HitRecord);
}
