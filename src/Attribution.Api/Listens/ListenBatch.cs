namespace Attribution.Api.Listens;

/// <summary>
/// A validated <c>POST /v1/listens</c> body: either a batch-level <see cref="Error"/> (with its HTTP status), or the
/// accepted events (enclosure URLs not yet resolved) and the per-event rejections.
/// </summary>
internal sealed record ListenBatch(
    int StatusCode,
    string? Error,
    long SkewMs,
    IReadOnlyList<ListenRecord> Accepted,
    IReadOnlyList<ListenRejection> Rejections)
{
    public static ListenBatch Fail(int statusCode, string error) => new(statusCode, error, 0, [], []);
}
