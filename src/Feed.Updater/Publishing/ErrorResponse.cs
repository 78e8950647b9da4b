namespace Feed.Updater.Publishing;

/// <summary>The body of every 400/404 of the publishing endpoints: <c>{ "error": "…" }</c>, a reason a person can act on.</summary>
internal sealed record ErrorResponse(string Error);
