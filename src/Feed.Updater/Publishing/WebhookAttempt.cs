namespace Feed.Updater.Publishing;

/// <summary>One POST's outcome: the HTTP status (0 when none arrived), the failure reason (null on 2xx) and how long it took.</summary>
internal sealed record WebhookAttempt(int Status, string? Error, TimeSpan Duration)
{
    public bool Succeeded => Error is null;
}
