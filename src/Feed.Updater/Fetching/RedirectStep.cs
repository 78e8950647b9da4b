namespace Feed.Updater.Fetching;

/// <summary>A redirect decision: the URL to request next, or why the chain stops.</summary>
internal readonly record struct RedirectStep(Uri? Target, string? Error)
{
    public static RedirectStep Refuse(string error) => new(null, error);
}
