namespace Feed.Updater.Publishing;

/// <summary>Body of <c>GET /v1/webhooks</c> (no secrets).</summary>
internal sealed record WebhookList(IReadOnlyList<WebhookView> Webhooks);
