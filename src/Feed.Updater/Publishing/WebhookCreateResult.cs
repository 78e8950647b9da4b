namespace Feed.Updater.Publishing;

/// <summary>What <see cref="WebhookRegistry.CreateAsync"/> did: the new subscription and its start cursor, or why not.</summary>
internal sealed record WebhookCreateResult(WebhookSubscription? Subscription, string? Cursor, string? Error)
{
    public static WebhookCreateResult Created(WebhookSubscription subscription, string cursor) => new(subscription, cursor, null);

    public static WebhookCreateResult Rejected(string error) => new(null, null, error);
}
