using System.Text.Json.Serialization;
using Prefix.Hosting.Auth;

namespace Attribution.Api.Listens;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ListenBatchResponse))]
[JsonSerializable(typeof(ListenReport))]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class ListenJsonContext : JsonSerializerContext;
