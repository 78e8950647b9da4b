namespace Feed.Updater.Publishing;

/// <summary>One entry of a webhook's dead-letter stream: the event that was given up on, and why.</summary>
/// <param name="Id">The dead-letter entry's own stream id.</param>
/// <param name="StreamId">The event's id in <c>feeds:changes</c>.</param>
/// <param name="Reason">The last attempt's failure.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="Event">The event JSON exactly as it was POSTed.</param>
internal sealed record WebhookDeadLetter(string Id, string StreamId, string Reason, int Attempts, byte[] Event);
