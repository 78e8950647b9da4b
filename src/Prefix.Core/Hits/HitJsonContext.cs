using System.Text.Json.Serialization;

namespace Prefix.Core.Hits;

/// <summary>Source-generated JSON for hits: no reflection on the edge's hot path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false)]
[JsonSerializable(typeof(HitRecord))]
public sealed partial class HitJsonContext : JsonSerializerContext;
