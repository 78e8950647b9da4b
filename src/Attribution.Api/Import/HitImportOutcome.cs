namespace Attribution.Api.Import;

/// <summary>What an import came to: a result, or an HTTP error status with its reason.</summary>
internal sealed record HitImportOutcome(HitImportResult? Result, int StatusCode, string? Error)
{
    public static HitImportOutcome Done(HitImportResult result) => new(result, 200, null);

    public static HitImportOutcome Failed(int statusCode, string error) => new(null, statusCode, error);
}
