namespace Attribution.Api.Listens;

/// <summary>The answer to <c>POST /v1/listens</c>.</summary>
/// <param name="Accepted">Events stored (a re-synced event is stored again and deduplicated when read).</param>
/// <param name="Rejected">Events not stored; each is in <paramref name="Rejections"/> with its reason.</param>
/// <param name="SkewSec">received − sentAt in seconds: the correction added to every clientTime.</param>
/// <param name="Rejections">Per-event reasons.</param>
public sealed record ListenBatchResponse(int Accepted, int Rejected, double SkewSec, IReadOnlyList<ListenRejection> Rejections);
