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

        var agent = agents.Classify(hit.UserAgent);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(hit.TimestampMs).UtcDateTime;
        return
        [
            hit.Id, timestamp, (ulong)hit.TimestampMs, hit.Method, hit.RequestUrl, hit.TargetUrl, episodes.Normalize(hit.TargetUrl),
            hit.PrefixArguments, PodcastGuid(hit.PrefixArguments),
            hit.UserAgent, hit.Referer, hit.Range, hit.PlaybackSessionId, hit.ListenerKey, hit.HouseholdKey, hit.KeyId,
            hit.Country, hit.Subdivision, hit.City, hit.TimeZone, hit.Asn, hit.AsOrganization,
            agent.App, agent.Device, agent.Os, (byte)(agent.IsHuman ? 0 : 1), agent.BotReason, (byte)(agent.IsAppleWatch ? 1 : 0),
            (ushort)Math.Clamp(hit.Status, 0, ushort.MaxValue), hit.BytesServed, hit.Source, time.GetUtcNow().UtcDateTime,
        ];
    }

    private static string PodcastGuid(string arguments)
    {
        foreach (var argument in arguments.Split(','))
        {
            var value = argument.StartsWith("pg=", StringComparison.OrdinalIgnoreCase) ? argument[3..]
                : argument.StartsWith("pg%3D", StringComparison.OrdinalIgnoreCase) ? argument[5..]
                : null;
            if (Guid.TryParse(value, out var guid) && guid != Guid.Empty)
            {
                return guid.ToString();
            }
        }

        return string.Empty;
    }
}
