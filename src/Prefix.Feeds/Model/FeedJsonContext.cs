using System.Text.Json;
using System.Text.Json.Serialization;
using Prefix.Feeds.Events;

namespace Prefix.Feeds.Model;

/// <summary>
/// Source-generated JSON for the normalized feed and the change events: camelCase names as FEEDS.md fixes
/// them, nulls written (a consumer sees "absent" rather than a missing key), dates as ISO 8601.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(NormalizedFeed))]
[JsonSerializable(typeof(NormalizedEpisode))]
[JsonSerializable(typeof(IReadOnlyList<NormalizedEpisode>))]
[JsonSerializable(typeof(FeedChangeEvent))]
public sealed partial class FeedJsonContext : JsonSerializerContext
{
    /// <summary>The same options, indented: golden files and humans.</summary>
    public static FeedJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    });
}
