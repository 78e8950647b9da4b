namespace Attribution.Api.Listens;

/// <summary>
/// <c>GET /v1/episodes/{episodeId}/listens</c>: <c>{"threshold": 30, "total": {…}, "completionShare": x}</c>.
/// <paramref name="CompletionShare"/> is null when the episode's duration is unknown or nobody listened.
/// </summary>
public sealed record ListenReport(double Threshold, ListenTotals Total, double? CompletionShare);
