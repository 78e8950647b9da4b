using System.Text.Json;
using Prefix.Core.Episodes;
using Prefix.Core.Hits;
using Prefix.UserAgents;

namespace Prefix.Ingest;

/// <summary>
/// Reads one stream entry's hit and enriches it into a <c>hits</c> row: User-Agent classification
/// (cached inside the classifier) and the episode key. An entry that cannot be read is a
/// <see cref="PoisonHitException"/>, which the worker parks instead of retrying forever.
/// </summary>
internal sealed class HitRowMapper(UserAgentClassifier agents, EpisodeKeyNormalizer episodes, TimeProvider time)
{
    /// <summary>The last millisecond a <c>hits.ts</c> DateTime (UInt32 seconds) can hold: 2106-02-07T06:28:15.999Z.</summary>
    private const long MaxTimestampMs = (uint.MaxValue * 1000L) + 999;

    public object?[] Map(ReadOnlySpan<byte> json)
    {
        HitRecord? hit;
        try
        {
            hit = JsonSerializer.Deserialize(json, HitJsonContext.Default.HitRecord);
        }
        catch (JsonException ex)
        {
            throw new PoisonHitException($"not a hit document: {ex.Message}");
        }

        if (hit is null || hit.Id == Guid.Empty || hit.TimestampMs <= 0 || string.IsNullOrEmpty(hit.TargetUrl) || string.IsNullOrEmpty(hit.Method))
        {
            throw new PoisonHitException("hit document lacks id, ts, m or t");
        }

        // Such a row could never be inserted; failing the batch would retry it forever.
        if (hit.TimestampMs > MaxTimestampMs)
        {
            throw new PoisonHitException($"hit ts {hit.TimestampMs} is beyond what hits.ts can hold");
        }

        // The source-generated reader sets an init-only member it did not find to null, not to its initializer,
        // so a document without an optional field (an older or newer producer) must not reach the columns as null.
        hit = WithDefaults(hit);
        var agent = agents.Classify(hit.UserAgent);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(hit.TimestampMs).UtcDateTime;
        return
        [
            hit.Id, timestamp, (ulong)hit.TimestampMs, hit.Method, hit.RequestUrl, hit.TargetUrl, episodes.Normalize(hit.TargetUrl),
            hit.PrefixArguments, PrefixArguments.PodcastGuid(hit.PrefixArguments)?.ToString() ?? string.Empty,
            hit.UserAgent, hit.Referer, hit.Range, hit.PlaybackSessionId, hit.ListenerKey, hit.HouseholdKey, hit.KeyId,
            hit.Country, hit.Subdivision, hit.City, hit.TimeZone, hit.Asn, hit.AsOrganization,
            agent.App, agent.Device, agent.Os, (byte)(agent.IsHuman ? 0 : 1), agent.BotReason, (byte)(agent.IsAppleWatch ? 1 : 0),
            (ushort)Math.Clamp(hit.Status, 0, ushort.MaxValue), hit.BytesServed, hit.Source, time.GetUtcNow().UtcDateTime,
        ];
    }

    private static HitRecord WithDefaults(HitRecord hit) => hit with
    {
        RequestUrl = hit.RequestUrl ?? string.Empty,
        PrefixArguments = hit.PrefixArguments ?? string.Empty,
        UserAgent = hit.UserAgent ?? string.Empty,
        Referer = hit.Referer ?? string.Empty,
        Range = hit.Range ?? string.Empty,
        PlaybackSessionId = hit.PlaybackSessionId ?? string.Empty,
        ListenerKey = hit.ListenerKey ?? string.Empty,
        HouseholdKey = hit.HouseholdKey ?? string.Empty,
        Country = hit.Country ?? string.Empty,
        Subdivision = hit.Subdivision ?? string.Empty,
        City = hit.City ?? string.Empty,
        TimeZone = hit.TimeZone ?? string.Empty,
        AsOrganization = hit.AsOrganization ?? string.Empty,
        Source = hit.Source ?? "edge",
    };
}
