namespace Feed.Updater.Publishing;

/// <summary>
/// A subscription as the API shows it. <see cref="Secret"/> is set only in the answer to create; GET shows
/// <see cref="SecretHint"/>. <see cref="Delivery"/> is set by GET /v1/webhooks/{id}.
/// </summary>
internal sealed record WebhookView(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<Guid> FeedIds,
    string? Description,
    DateTimeOffset CreatedAt,
    string SecretHint,
    string? Secret,
    string? StartCursor,
    WebhookDeliveryState? Delivery)
{
    public static WebhookView From(WebhookSubscription subscription, bool withSecret = false, string? startCursor = null, WebhookDeliveryState? delivery = null) =>
        new(
            subscription.Id,
            subscription.Url,
            subscription.EventTypes,
            subscription.FeedIds,
            subscription.Description,
            subscription.CreatedAt,
            subscription.SecretHint,
            withSecret ? subscription.Secret : null,
            startCursor,
            delivery);
}
