namespace Feed.Updater.Publishing;

/// <summary>
/// How far a subscription has got, from its <c>webhook:{id}:state</c> hash and dead-letter stream.
/// <see cref="Cursor"/> is the last stream id delivered (or skipped by the filters, or dead-lettered).
/// </summary>
internal sealed record WebhookDeliveryState(
    string Cursor,
    long Delivered,
    long DeadLetters,
    int? LastStatus,
    string? LastError,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastDeliveredAt);
