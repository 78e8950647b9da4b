namespace Attribution.Api.Import;

/// <summary>The answer to <c>POST /v1/hits/import</c>.</summary>
/// <param name="Accepted">Lines stored as hits (on the Redis Stream the ingest reads).</param>
/// <param name="Rejected">Lines refused, all of them counted.</param>
/// <param name="Rejections">The first refused lines with their reasons, in line order.</param>
/// <param name="RejectionsTruncated">True when more lines were refused than <paramref name="Rejections"/> lists.</param>
internal sealed record HitImportResult(long Accepted, long Rejected, IReadOnlyList<HitImportRejection> Rejections, bool RejectionsTruncated);

/// <summary>One refused line: its 1-based number and what to change.</summary>
internal sealed record HitImportRejection(long Line, string Reason);
