using System.Text.Json.Serialization;

namespace Feed.Updater.Publishing;

/// <summary>
/// Source-generated JSON of the webhook registry (storage) and the publishing endpoints: camelCase, nulls
/// left out (so a GET never carries a <c>secret</c> key at all).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(WebhookCreateRequest))]
[JsonSerializable(typeof(WebhookView))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
