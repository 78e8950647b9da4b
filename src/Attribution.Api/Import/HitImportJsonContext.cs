using System.Text.Json.Serialization;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Import;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HitImportResult))]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class HitImportJsonContext : JsonSerializerContext;
